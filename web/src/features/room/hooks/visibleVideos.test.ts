import { afterEach, describe, expect, it, vi } from 'vitest';
import { VisibleVideoRegistry } from './visibleVideos';

function box(width: number, height: number): Element {
  const el = document.createElement('div');
  el.getBoundingClientRect = () => ({ width, height, x: 0, y: 0, top: 0, left: 0, right: width, bottom: height, toJSON: () => ({}) });
  return el;
}

describe('VisibleVideoRegistry', () => {
  afterEach(() => vi.useRealTimers());

  it('reports the registered boxes once per change, coalesced, in device pixels', () => {
    vi.useFakeTimers();
    vi.spyOn(window, 'devicePixelRatio', 'get').mockReturnValue(2);
    const report = vi.fn();
    const registry = new VisibleVideoRegistry(report);
    registry.open();
    const offA = registry.register(box(320, 180), 'a', 'camera');
    registry.register(box(100, 50), 'b', 'screen');
    vi.runAllTimers();
    expect(report).toHaveBeenCalledTimes(1);
    expect(report).toHaveBeenLastCalledWith([
      { participantId: 'a', source: 'camera', width: 640, height: 368, priority: 'normal' },
      { participantId: 'b', source: 'screen', width: 208, height: 112, priority: 'normal' },
    ]);

    // nothing changed: nothing sent
    registry.flush();
    expect(report).toHaveBeenCalledTimes(1);

    offA();
    vi.runAllTimers();
    expect(report).toHaveBeenLastCalledWith([{ participantId: 'b', source: 'screen', width: 208, height: 112, priority: 'normal' }]);
  });

  it('reports a priority change of the same box (pinned, then unpinned)', () => {
    vi.useFakeTimers();
    const report = vi.fn();
    const registry = new VisibleVideoRegistry(report);
    registry.open();
    const el = box(320, 180);
    let off = registry.register(el, 'a', 'camera', 'high');
    vi.runAllTimers();
    expect(report).toHaveBeenLastCalledWith([{ participantId: 'a', source: 'camera', width: 320, height: 192, priority: 'high' }]);
    off();
    off = registry.register(el, 'a', 'camera', 'normal');
    vi.runAllTimers();
    expect(report).toHaveBeenCalledTimes(2);
    expect(report).toHaveBeenLastCalledWith([{ participantId: 'a', source: 'camera', width: 320, height: 192, priority: 'normal' }]);
    off();
  });

  it('sends nothing while closed and starts over when opened again', () => {
    vi.useFakeTimers();
    const report = vi.fn();
    const registry = new VisibleVideoRegistry(report);
    registry.register(box(160, 90), 'a', 'camera');
    vi.runAllTimers();
    expect(report).not.toHaveBeenCalled();
    registry.open();
    vi.runAllTimers();
    expect(report).toHaveBeenCalledTimes(1);
    registry.close();
    registry.open();
    registry.register(box(160, 90), 'a', 'camera');
    vi.runAllTimers();
    // after a close the last list is forgotten: the same list is sent again
    expect(report).toHaveBeenCalledTimes(2);
  });
});
