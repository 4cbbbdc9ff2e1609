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
      { participantId: 'a', source: 'camera', width: 640, height: 368 },
      { participantId: 'b', source: 'screen', width: 208, height: 112 },
    ]);

    // nothing changed: nothing sent
    registry.flush();
    expect(report).toHaveBeenCalledTimes(1);

    offA();
    vi.runAllTimers();
    expect(report).toHaveBeenLastCalledWith([{ participantId: 'b', source: 'screen', width: 208, height: 112 }]);
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
