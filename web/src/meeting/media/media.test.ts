import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubscribedTrack } from '../../protocol/types';
import {
  CAMERA_PUBLISHING_KEY,
  contentHintFor,
  encodingsForLayers,
  loadCameraPublishing,
  mungeVideoCodec,
  publishMids,
  publishVideoCodec,
  SIMULCAST_ENCODINGS,
  transceiverInit,
  videoCodecPreferences,
} from './publish';
import { diffRecords, videoMids, type RemoteRecord } from './tracks';
import {
  desiredReceiveState,
  planReceiveCommands,
  VisibleVideoReporter,
  type ReceiveCommand,
  type ReceiveState,
} from './visibleVideos';

describe('publish parameters', () => {
  it('camera: three VP8 simulcast encodings q/h/f at 1/4, 1/2, 1', () => {
    const init = transceiverInit('camera', null);
    expect(init.direction).toBe('sendonly');
    expect(init.sendEncodings?.map((e) => [e.rid, e.scaleResolutionDownBy])).toEqual([
      ['q', 4],
      ['h', 2],
      ['f', 1],
    ]);
    // Bitrates grow with the layer.
    const rates = SIMULCAST_ENCODINGS.map((e) => e.maxBitrate ?? 0);
    expect([...rates].sort((a, b) => a - b)).toEqual(rates);
    // A copy: changing it does not change the constant.
    const first = init.sendEncodings?.[0];
    if (first !== undefined) first.rid = 'x';
    expect(SIMULCAST_ENCODINGS[0]?.rid).toBe('q');
  });

  it('the vp9-svc setting: the camera as one VP9 encoding with L3T3_KEY, the screen unchanged', () => {
    expect(loadCameraPublishing()).toBe('simulcast');
    window.localStorage.setItem(CAMERA_PUBLISHING_KEY, 'something-else');
    expect(loadCameraPublishing()).toBe('simulcast');
    window.localStorage.setItem(CAMERA_PUBLISHING_KEY, 'vp9-svc');
    expect(loadCameraPublishing()).toBe('vp9-svc');
    const init = transceiverInit('camera', null, 'vp9-svc');
    expect(init.sendEncodings).toEqual([{ scalabilityMode: 'L3T3_KEY', maxBitrate: 2_150_000 }]);
    expect(publishVideoCodec('camera', 'vp9-svc')).toBe('VP9');
    expect(publishVideoCodec('screen', 'vp9-svc')).toBe('VP8');
    expect(publishVideoCodec('camera', 'simulcast')).toBe('VP8');
    window.localStorage.setItem(CAMERA_PUBLISHING_KEY, 'av1-svc');
    expect(loadCameraPublishing()).toBe('av1-svc');
    expect(publishVideoCodec('camera', 'av1-svc')).toBe('AV1');
    expect(transceiverInit('camera', null, 'av1-svc').sendEncodings).toEqual([{ scalabilityMode: 'L3T3_KEY', maxBitrate: 2_150_000 }]);
    expect(transceiverInit('screen', null, 'vp9-svc').sendEncodings?.[0]).not.toHaveProperty('scalabilityMode');
  });

  it('screen has one encoding and the detail hint; audio has none', () => {
    expect(transceiverInit('screen', null).sendEncodings).toHaveLength(1);
    expect(transceiverInit('screen', null).sendEncodings?.[0]?.rid).toBeUndefined();
    expect(transceiverInit('microphone', null).sendEncodings).toBeUndefined();
    expect(contentHintFor('screen')).toBe('detail');
    expect(contentHintFor('camera')).toBe('motion');
    expect(contentHintFor('microphone')).toBe('speech');
  });

  it('codec preferences keep VP8 and RTX only', () => {
    const caps = {
      codecs: [{ mimeType: 'video/VP9' }, { mimeType: 'video/VP8' }, { mimeType: 'video/rtx' }, { mimeType: 'video/H264' }],
    };
    expect(videoCodecPreferences(caps)?.map((c) => c.mimeType)).toEqual(['video/VP8', 'video/rtx']);
    expect(videoCodecPreferences({ codecs: [{ mimeType: 'video/H264' }] })).toEqual([]);
    expect(videoCodecPreferences(null)).toBeNull();
  });

  it('munges an offer to VP8 and its RTX', () => {
    const sdp = [
      'v=0',
      'o=- 1 2 IN IP4 127.0.0.1',
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'a=rtpmap:111 opus/48000/2',
      'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99',
      'a=rtpmap:96 VP8/90000',
      'a=rtcp-fb:96 nack',
      'a=rtpmap:97 rtx/90000',
      'a=fmtp:97 apt=96',
      'a=rtpmap:98 VP9/90000',
      'a=rtpmap:99 rtx/90000',
      'a=fmtp:99 apt=98',
      '',
    ].join('\r\n');
    const out = mungeVideoCodec(sdp);
    expect(out).toContain('m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\n');
    expect(out).toContain('a=rtcp-fb:96 nack');
    expect(out).toContain('a=fmtp:97 apt=96');
    expect(out).not.toContain('VP9');
    expect(out).not.toContain('a=fmtp:99');
    expect(out).toContain('a=rtpmap:111 opus/48000/2');
    expect(() => mungeVideoCodec(sdp.replace('VP8', 'H264'))).toThrow(/no VP8/);
  });

  it('names the mid of each source that sends', () => {
    const transceivers = new Map([
      ['microphone', { mid: '0' }],
      ['camera', { mid: '1' }],
      ['screen', { mid: '2' }],
      ['screen_audio', { mid: null }],
    ] as const);
    expect(publishMids(transceivers, new Set(['microphone', 'camera', 'screen_audio'] as const))).toEqual({ microphone: '0', camera: '1' });
  });
});

describe('publish layers', () => {
  const simulcast = SIMULCAST_ENCODINGS.map((e) => ({ ...e }));

  it('activates exactly the listed rids; nothing changes: null', () => {
    const only = encodingsForLayers(simulcast, ['q']);
    expect(only?.map((e) => [e.rid, e.active])).toEqual([['q', true], ['h', false], ['f', false]]);
    // Other parameters are kept.
    expect(only?.[1]).toMatchObject({ rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 500_000 });
    expect(encodingsForLayers(only ?? [], ['q'])).toBeNull();
    expect(encodingsForLayers(simulcast, ['q', 'h', 'f'])).toBeNull(); // active absent = true
    const back = encodingsForLayers(only ?? [], ['q', 'h', 'f']);
    expect(back?.map((e) => e.active)).toEqual([true, true, true]);
  });

  it('an empty list disables every encoding; one encoding without rid follows "anyone"', () => {
    expect(encodingsForLayers(simulcast, [])?.map((e) => e.active)).toEqual([false, false, false]);
    const screen = [{ maxBitrate: 2_500_000 }];
    expect(encodingsForLayers(screen, [])).toEqual([{ maxBitrate: 2_500_000, active: false }]);
    expect(encodingsForLayers([{ maxBitrate: 1, active: false }], ['q'])).toEqual([{ maxBitrate: 1, active: true }]);
    expect(encodingsForLayers(screen, ['f'])).toBeNull();
  });
});

describe('subscribe mid mapping', () => {
  const t = (mid: string, participant: string, source: SubscribedTrack['source'], kind: SubscribedTrack['kind'] = 'video'): SubscribedTrack => ({
    mid,
    participant_id: participant,
    source,
    kind,
  });

  it('starts new records, keeps unchanged ones, ends removed, inactive and reassigned mids', () => {
    const current = new Map<string, RemoteRecord>([
      ['0', { mid: '0', participantId: 'a', source: 'microphone', kind: 'audio' }],
      ['1', { mid: '1', participantId: 'a', source: 'camera', kind: 'video' }],
      ['2', { mid: '2', participantId: 'b', source: 'camera', kind: 'video' }],
      ['3', { mid: '3', participantId: 'c', source: 'camera', kind: 'video' }],
    ]);
    const tracks = [t('0', 'a', 'microphone', 'audio'), t('1', 'a', 'camera'), t('3', 'd', 'camera'), t('4', 'b', 'screen')];
    // mid 2 is no longer listed and inactive; 3 now carries someone else; 4 is new.
    const live = [
      { mid: '0', track: 'T0' },
      { mid: '1', track: 'T1' },
      { mid: '3', track: 'T3' },
      { mid: '4', track: 'T4' },
    ];
    const changes = diffRecords(current, tracks, live);
    expect(changes.ended.map((r) => r.mid).sort()).toEqual(['2', '3']);
    expect(changes.started.map((s) => [s.record.mid, s.record.participantId, s.record.source, s.track])).toEqual([
      ['3', 'd', 'camera', 'T3'],
      ['4', 'b', 'screen', 'T4'],
    ]);
    // A listed mid whose transceiver is not live ends too.
    expect(diffRecords(current, tracks, []).ended).toHaveLength(4);
  });

  it('maps participant/source to video mids only', () => {
    const recs: RemoteRecord[] = [
      { mid: '0', participantId: 'a', source: 'microphone', kind: 'audio' },
      { mid: '1', participantId: 'a', source: 'camera', kind: 'video' },
      { mid: '5', participantId: 'b', source: 'screen', kind: 'video' },
    ];
    expect([...videoMids(recs)]).toEqual([
      ['a/camera', '1'],
      ['b/screen', '5'],
    ]);
  });
});

describe('visible videos', () => {
  const mids = new Map([
    ['a/camera', '1'],
    ['b/camera', '2'],
    ['c/camera', '3'],
    ['b/screen', '4'],
  ]);

  it('wants visible videos enabled at their size and the rest disabled', () => {
    const want = desiredReceiveState(
      [
        { participantId: 'a', source: 'camera', width: 320.4, height: 180 },
        { participantId: 'a', source: 'camera', width: 640, height: 360 }, // shown twice: the larger
        { participantId: 'x', source: 'camera', width: 640, height: 360 }, // not subscribed
      ],
      mids,
    );
    expect(want.get('1')).toEqual({ enabled: true, width: 640, height: 360, priority: 'normal' });
    expect(want.get('2')).toEqual({ enabled: false, width: 0, height: 0, priority: 'normal' });
    expect(want.size).toBe(4);
  });

  it('wants high priority for a video when any of its tiles asks for it', () => {
    const want = desiredReceiveState(
      [
        { participantId: 'a', source: 'camera', width: 1280, height: 720, priority: 'high' },
        { participantId: 'a', source: 'camera', width: 320, height: 180 }, // smaller, normal: still high
        { participantId: 'b', source: 'camera', width: 160, height: 90, priority: 'high' },
        { participantId: 'b', source: 'camera', width: 320, height: 180, priority: 'normal' }, // larger: high stays
        { participantId: 'c', source: 'camera', width: 320, height: 180, priority: 'normal' },
      ],
      mids,
    );
    expect(want.get('1')).toEqual({ enabled: true, width: 1280, height: 720, priority: 'high' });
    expect(want.get('2')).toEqual({ enabled: true, width: 320, height: 180, priority: 'high' });
    expect(want.get('3')).toEqual({ enabled: true, width: 320, height: 180, priority: 'normal' });
  });

  const st = (enabled: boolean, width: number, height: number, priority: 'high' | 'normal' = 'normal'): ReceiveState => ({
    enabled,
    width,
    height,
    priority,
  });

  it('plans one disable command and one enable command per size group', () => {
    const desired = new Map([
      ['1', st(true, 320, 180)],
      ['2', st(true, 320, 180)],
      ['3', st(false, 0, 0)],
      ['4', st(true, 1280, 720)],
    ]);
    expect(planReceiveCommands(desired, new Map())).toEqual([
      { mids: ['3'], enabled: false },
      { mids: ['4'], enabled: true, width: 1280, height: 720 },
      { mids: ['1', '2'], enabled: true, width: 320, height: 180 },
    ]);
    // Nothing changed: nothing to send.
    expect(planReceiveCommands(desired, desired)).toEqual([]);
    // Only the size of one changed.
    const sent = new Map(desired);
    sent.set('2', st(true, 160, 90));
    expect(planReceiveCommands(desired, sent)).toEqual([{ mids: ['2'], enabled: true, width: 320, height: 180 }]);
    // A never-reported mid is enabled on the server: an enabled one without size sends nothing.
    expect(planReceiveCommands(new Map([['9', st(true, 0, 0)]]), new Map())).toEqual([]);
  });

  it('sends priority only when it changes, grouped with the size', () => {
    const desired = new Map([
      ['1', st(true, 1280, 720, 'high')],
      ['2', st(true, 320, 180)],
      ['3', st(true, 320, 180, 'high')],
      ['4', st(false, 0, 0, 'high')], // disabled: its priority is not sent
    ]);
    expect(planReceiveCommands(desired, new Map())).toEqual([
      { mids: ['4'], enabled: false },
      { mids: ['1'], enabled: true, width: 1280, height: 720, priority: 'high' },
      { mids: ['2'], enabled: true, width: 320, height: 180 },
      { mids: ['3'], enabled: true, width: 320, height: 180, priority: 'high' },
    ]);
    // Only the priority changed (the pinned tile was unpinned): the same size, priority normal.
    const sent = new Map(desired);
    sent.set('2', st(true, 320, 180, 'high'));
    expect(planReceiveCommands(desired, sent)).toEqual([{ mids: ['2'], enabled: true, width: 320, height: 180, priority: 'normal' }]);
  });

  it('splits more than 200 mids', () => {
    const desired = new Map(Array.from({ length: 450 }, (_, i) => [`m${i}`, st(false, 0, 0)] as const));
    const commands = planReceiveCommands(desired, new Map());
    expect(commands.map((c) => c.mids.length)).toEqual([200, 200, 50]);
  });

  describe('reporter', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('sends nothing before the first report, then debounces and sends only differences', () => {
      const sent: ReceiveCommand[] = [];
      const r = new VisibleVideoReporter((c) => {
        sent.push(c);
        return true;
      }, 300);
      r.setMids(mids);
      vi.advanceTimersByTime(1000);
      expect(sent).toEqual([]);

      r.setVisible([{ participantId: 'a', source: 'camera', width: 100, height: 100 }]);
      r.setVisible([{ participantId: 'a', source: 'camera', width: 320, height: 180 }]);
      vi.advanceTimersByTime(299);
      expect(sent).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(sent).toEqual([
        { mids: ['2', '3', '4'], enabled: false },
        { mids: ['1'], enabled: true, width: 320, height: 180 },
      ]);

      sent.length = 0;
      r.setVisible([
        { participantId: 'a', source: 'camera', width: 320, height: 180 },
        { participantId: 'b', source: 'screen', width: 1280, height: 720 },
      ]);
      vi.advanceTimersByTime(300);
      expect(sent).toEqual([{ mids: ['4'], enabled: true, width: 1280, height: 720 }]);

      // A new subscription that is not visible gets disabled.
      sent.length = 0;
      r.setMids(new Map([...mids, ['d/camera', '7']]));
      vi.advanceTimersByTime(300);
      expect(sent).toEqual([{ mids: ['7'], enabled: false }]);

      // After a reset everything is reported again.
      sent.length = 0;
      r.reset();
      vi.advanceTimersByTime(300);
      expect(sent.map((c) => c.mids)).toEqual([['2', '3', '7'], ['4'], ['1']]);
    });

    it('sends a changed priority once, and again after a reset', () => {
      const sent: ReceiveCommand[] = [];
      const r = new VisibleVideoReporter((c) => {
        sent.push(c);
        return true;
      }, 300);
      r.setMids(mids);
      r.setVisible([{ participantId: 'a', source: 'camera', width: 1280, height: 720, priority: 'high' }]);
      vi.advanceTimersByTime(300);
      expect(sent.at(-1)).toEqual({ mids: ['1'], enabled: true, width: 1280, height: 720, priority: 'high' });
      // Hidden and shown again at the same size: the server kept the priority.
      sent.length = 0;
      r.setVisible([]);
      vi.advanceTimersByTime(300);
      r.setVisible([{ participantId: 'a', source: 'camera', width: 1280, height: 720, priority: 'high' }]);
      vi.advanceTimersByTime(300);
      expect(sent).toEqual([
        { mids: ['1'], enabled: false },
        { mids: ['1'], enabled: true, width: 1280, height: 720 },
      ]);
      sent.length = 0;
      r.setVisible([{ participantId: 'a', source: 'camera', width: 1280, height: 720 }]);
      vi.advanceTimersByTime(300);
      expect(sent).toEqual([{ mids: ['1'], enabled: true, width: 1280, height: 720, priority: 'normal' }]);
      sent.length = 0;
      r.setVisible([{ participantId: 'a', source: 'camera', width: 1280, height: 720, priority: 'high' }]);
      r.reset();
      vi.advanceTimersByTime(300);
      expect(sent).toContainEqual({ mids: ['1'], enabled: true, width: 1280, height: 720, priority: 'high' });
    });

    it('retries what could not be sent', () => {
      let ok = false;
      const sent: ReceiveCommand[] = [];
      const r = new VisibleVideoReporter((c) => {
        if (ok) sent.push(c);
        return ok;
      }, 300);
      r.setMids(mids);
      r.setVisible([]);
      vi.advanceTimersByTime(300);
      expect(sent).toEqual([]);
      ok = true;
      r.setVisible([]);
      vi.advanceTimersByTime(300);
      expect(sent).toEqual([{ mids: ['1', '2', '3', '4'], enabled: false }]);
    });
  });
});
