import { describe, expect, it } from 'vitest';
import { parseJoinInput } from './joinLink';

const ID = '0b6f1c2e-3d4a-4b5c-8d9e-0f1a2b3c4d5e';

describe('parseJoinInput', () => {
  it('accepts a bare room id, in any case and with spaces around', () => {
    expect(parseJoinInput(`  ${ID.toUpperCase()} `)).toEqual({ kind: 'room', roomId: ID, path: `/room/${ID}` });
  });

  it('accepts full and relative room addresses', () => {
    expect(parseJoinInput(`https://meet.example.org/room/${ID}`)?.path).toBe(`/room/${ID}`);
    expect(parseJoinInput(`https://meet.example.org/room/${ID}?x=1#y`)?.path).toBe(`/room/${ID}`);
    expect(parseJoinInput(`/room/${ID}`)?.path).toBe(`/room/${ID}`);
    expect(parseJoinInput(`https://example.org/plenum/room/${ID}/`)?.path).toBe(`/room/${ID}`);
  });

  it('accepts guest links', () => {
    expect(parseJoinInput('https://meet.example.org/invite/AbC-d_e123')).toEqual({
      kind: 'invite',
      code: 'AbC-d_e123',
      path: '/invite/AbC-d_e123',
    });
  });

  it('refuses anything else', () => {
    for (const text of [
      '',
      '   ',
      'hello',
      '1234567890',
      'https://meet.example.org/',
      'https://meet.example.org/room/not-a-uuid',
      'https://meet.example.org/invite/',
      'https://meet.example.org/invite/a%20b',
      `javascript:alert(1)//room/${ID}`,
      `https://meet.example.org/rooms/${ID}`,
    ]) {
      expect(parseJoinInput(text), text).toBeNull();
    }
  });
});
