/**
 * The signed-in session: bearer token, its expiry and the own profile, kept in localStorage so
 * that a reload or a second tab stays signed in. Every REST call takes its token from here
 * (configureAuth), and a 401 from the server ends the session.
 */
import { create } from 'zustand';
import type { OwnProfile } from '../api/auth';
import { configureAuth } from '../api/client';
import { readStorage, removeStorage, writeStorage } from '../lib/storage';

export const SESSION_STORAGE_KEY = 'plenum.session';

interface StoredSession {
  readonly token: string;
  readonly expiresAt: number;
  readonly user: OwnProfile;
}

export interface SessionState {
  readonly session: StoredSession | null;
  signIn(token: string, expiresAt: string, user: OwnProfile): void;
  updateUser(user: OwnProfile): void;
  signOut(): void;
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.token === 'string' && typeof v.expiresAt === 'number' && typeof v.user === 'object' && v.user !== null;
}

/** The stored session, unless it is missing, corrupt or expired. */
export function loadSession(now: number = Date.now()): StoredSession | null {
  const text = readStorage(SESSION_STORAGE_KEY);
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isStoredSession(value) && value.expiresAt > now ? value : null;
  } catch {
    return null;
  }
}

function persist(session: StoredSession | null): void {
  if (session === null) removeStorage(SESSION_STORAGE_KEY);
  else writeStorage(SESSION_STORAGE_KEY, JSON.stringify(session));
}

export const useSession = create<SessionState>()((set, get) => ({
  session: loadSession(),
  signIn(token, expiresAt, user) {
    const session = { token, expiresAt: Date.parse(expiresAt), user };
    persist(session);
    set({ session });
  },
  updateUser(user) {
    const current = get().session;
    if (current === null) return;
    const session = { ...current, user };
    persist(session);
    set({ session });
  },
  signOut() {
    persist(null);
    set({ session: null });
  },
}));

configureAuth({
  token: () => {
    const session = useSession.getState().session;
    return session !== null && session.expiresAt > Date.now() ? session.token : null;
  },
  onUnauthenticated: () => useSession.getState().signOut(),
});

/** The signed-in user's profile, or null. */
export function useCurrentUser(): OwnProfile | null {
  return useSession((state) => state.session?.user ?? null);
}
