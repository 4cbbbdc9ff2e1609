import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, Conversation, MeetingState } from '../../../meeting';
import { SELF, setMeetingState } from '../../../meeting/testing';
import { MeetingRoom } from '../MeetingRoom';
import { useRoomUi } from '../state/roomUi';
import { joinedState, mockActions, person, renderWithI18n } from '../testing/roomState';

const ALICE = person('p-alice', { joined_at: 1000 });
const BOB = person('p-bob', { kind: 'guest', joined_at: 2000, hand_raised_at: 50 });
const CAROL = person('p-carol', { joined_at: 3000, hand_raised_at: 40 });

function message(id: number, sender: string, content: string, over: Partial<ChatMessage> = {}): ChatMessage {
  return { id, sender, sender_name: sender.slice(2), scope: 'everyone', content, sent_at: 1_700_000_000_000 + id, ...over };
}

function conversation(key: string, messages: ChatMessage[], unread: number, over: Partial<Conversation> = {}): Conversation {
  return { key, scope: 'everyone', messages, hasMore: false, loadingHistory: false, lastSeen: 0, unread, ...over };
}

function withChat(state: MeetingState, conversations: Conversation[]): MeetingState {
  return { ...state, chat: { ...state.chat, conversations: Object.fromEntries(conversations.map((c) => [c.key, c])) } };
}

describe('chat panel', () => {
  let acts: ReturnType<typeof mockActions>;
  beforeEach(() => {
    acts = mockActions();
    useRoomUi.getState().reset();
  });

  it('shows unread messages on the Chat button and marks them seen when opened', async () => {
    setMeetingState(
      withChat(joinedState([ALICE, BOB]), [
        conversation('everyone', [message(1, 'p-alice', 'Hello'), message(2, 'p-bob', 'Hi all')], 2),
        conversation('private:p-alice', [message(3, 'p-alice', 'Psst', { scope: 'private', recipient: SELF })], 1, {
          scope: 'private',
          peerId: 'p-alice',
        }),
      ]),
    );
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const chatButton = screen.getByRole('button', { name: 'Chat' });
    expect(chatButton).toHaveAccessibleDescription('3 unread');

    await userEvent.click(chatButton);
    expect(chatButton).toHaveAttribute('aria-pressed', 'true');
    const panel = screen.getByRole('complementary', { name: 'Side panel' });
    const log = within(panel).getByRole('log', { name: 'Messages in Everyone' });
    expect(within(log).getByText('Hello')).toBeInTheDocument();
    expect(acts.markConversationSeen).toHaveBeenCalledWith('everyone');

    // per-conversation unread marker
    const list = within(panel).getByRole('listbox', { name: 'Conversations' });
    expect(within(list).getByRole('option', { name: 'Alice (private), 1 unread' })).toBeInTheDocument();
    await userEvent.click(within(list).getByRole('option', { name: 'Alice (private), 1 unread' }));
    expect(within(panel).getByRole('log', { name: 'Messages in Alice (private)' })).toHaveTextContent('Psst');
    expect(acts.markConversationSeen).toHaveBeenCalledWith('private:p-alice');
  });

  it('announces a new message from someone else while the chat is closed', () => {
    setMeetingState(withChat(joinedState([ALICE]), [conversation('everyone', [message(1, 'p-alice', 'Hello')], 1)]));
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    expect(screen.queryByText('New message from alice')).not.toBeInTheDocument();
    act(() => setMeetingState(withChat(joinedState([ALICE]), [conversation('everyone', [message(1, 'p-alice', 'Hello'), message(2, 'p-alice', 'Again')], 2)])));
    expect(screen.getByText('New message from alice')).toBeInTheDocument();
  });

  it('sends with Enter to the open conversation, a new line with Shift+Enter', async () => {
    setMeetingState(joinedState([ALICE]));
    useRoomUi.getState().openPanel('chat');
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    const field = screen.getByRole('textbox', { name: 'Message to Everyone' });
    await userEvent.type(field, 'first{Shift>}{Enter}{/Shift}second{Enter}');
    expect(acts.sendChat).toHaveBeenCalledWith({ scope: 'everyone' }, 'first\nsecond');
    await vi.waitFor(() => expect(field).toHaveValue(''));
  });

  it('opens a private conversation from the people list', async () => {
    setMeetingState(joinedState([ALICE]));
    useRoomUi.getState().openPanel('people');
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Actions for Alice' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Send private message' }));
    const field = screen.getByRole('textbox', { name: 'Message to Alice (private)' });
    await userEvent.type(field, 'hi{Enter}');
    expect(acts.sendChat).toHaveBeenCalledWith({ scope: 'private', recipient: 'p-alice' }, 'hi');
  });

  it('searches from two characters and loads older messages', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    setMeetingState(withChat(joinedState([ALICE]), [conversation('everyone', [message(5, 'p-alice', 'Hello')], 0, { hasMore: true })]));
    useRoomUi.getState().openPanel('chat');
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);

    await userEvent.click(screen.getByRole('button', { name: 'Load earlier messages' }));
    expect(acts.loadChatHistory).toHaveBeenCalledWith('everyone');

    const search = screen.getByRole('searchbox', { name: 'Search messages' });
    await userEvent.type(search, 'h');
    expect(screen.getByText('Type at least 2 characters.')).toBeInTheDocument();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(acts.searchChat).not.toHaveBeenCalled();
    await userEvent.type(search, 'e');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    expect(acts.searchChat).toHaveBeenCalledWith('he');
    vi.useRealTimers();
  });

  it('lets moderators clear the chat after confirming', async () => {
    setMeetingState(joinedState([person(SELF, { role: 'moderator' }), ALICE]));
    useRoomUi.getState().openPanel('chat');
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Clear chat for everyone' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Clear chat for everyone' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Clear chat for everyone' }));
    expect(acts.clearChat).toHaveBeenCalled();
  });
});

describe('people panel', () => {
  let acts: ReturnType<typeof mockActions>;
  beforeEach(() => {
    acts = mockActions();
    useRoomUi.getState().reset();
  });

  function rows(): string[] {
    const section = screen.getByRole('heading', { name: /^In the meeting/ }).closest('section');
    if (section === null) throw new Error('no section');
    return within(section)
      .getAllByRole('listitem')
      .map((li) => li.getAttribute('data-participant-id') ?? '');
  }

  function withHands(state: MeetingState): MeetingState {
    return {
      ...state,
      hands: { enabled: true, raised: [{ participant_id: 'p-carol', raised_at: 40 }, { participant_id: 'p-bob', raised_at: 50 }] },
    };
  }

  it('lists raised hands first (oldest first), and sorts by name on request', async () => {
    setMeetingState(withHands(joinedState([ALICE, BOB, CAROL])));
    useRoomUi.getState().openPanel('people');
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    expect(rows()).toEqual(['p-carol', 'p-bob', 'p-alice', SELF]);

    await userEvent.click(screen.getByRole('button', { name: /Sort by/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Name' }));
    expect(rows()).toEqual(['p-alice', 'p-bob', 'p-carol', SELF]);
  });

  it('searches by name', async () => {
    setMeetingState(joinedState([ALICE, BOB, CAROL]));
    useRoomUi.getState().openPanel('people');
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search people' }), 'car');
    expect(rows()).toEqual(['p-carol']);
  });

  it('shows moderators the waiting room with admit and admit all', async () => {
    setMeetingState({
      ...joinedState([person(SELF, { role: 'moderator' }), ALICE]),
      waitingRoomMode: 'guests',
      waiting: [
        { id: 'w-1', display_name: 'Wanda', kind: 'guest', waiting_since: 1 },
        { id: 'w-2', display_name: 'Walter', kind: 'guest', waiting_since: 2 },
      ],
    });
    useRoomUi.getState().openPanel('people');
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'People' })).toHaveAccessibleDescription('Waiting room (2)');
    await userEvent.click(screen.getByRole('button', { name: 'Admit Wanda' }));
    expect(acts.admit).toHaveBeenCalledWith(['w-1']);
    await userEvent.click(screen.getByRole('button', { name: 'Admit all' }));
    expect(acts.admitAll).toHaveBeenCalled();
  });

  it('hides the waiting room and moderator actions from participants', async () => {
    setMeetingState({ ...joinedState([ALICE]), waitingRoomMode: 'guests' });
    useRoomUi.getState().openPanel('people');
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);
    expect(screen.queryByRole('heading', { name: /Waiting room/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Moderation' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Actions for Alice' }));
    const menu = await screen.findByRole('menu');
    expect(within(menu).queryByRole('menuitem', { name: /Remove from meeting/ })).not.toBeInTheDocument();
  });

  it('lets moderators kick after confirming, ban, promote and mute', async () => {
    setMeetingState({
      ...joinedState([person(SELF, { role: 'owner' }), ALICE, BOB]),
      media: { ...joinedState([]).media, publications: { 'p-alice': { microphone: { muted: false } } } },
    });
    useRoomUi.getState().openPanel('people');
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);

    await userEvent.click(screen.getByRole('button', { name: 'Actions for Bob' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Remove from meeting…' }));
    const kick = await screen.findByRole('alertdialog', { name: 'Remove Bob?' });
    await userEvent.click(within(kick).getByRole('button', { name: 'Remove' }));
    expect(acts.kick).toHaveBeenCalledWith('p-bob');

    // a guest cannot become moderator; a registered user can
    await userEvent.click(screen.getByRole('button', { name: 'Actions for Bob' }));
    expect(screen.queryByRole('menuitem', { name: 'Make moderator' })).not.toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await userEvent.click(screen.getByRole('button', { name: 'Actions for Alice' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Make moderator' }));
    expect(acts.setRole).toHaveBeenCalledWith('p-alice', 'moderator');

    await userEvent.click(screen.getByRole('button', { name: 'Actions for Alice' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Ask to mute' }));
    expect(acts.requestMute).toHaveBeenCalledWith(['p-alice']);

    await userEvent.click(screen.getByRole('button', { name: 'Actions for Alice' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Ban…' }));
    const ban = await screen.findByRole('alertdialog', { name: 'Ban Alice?' });
    await userEvent.click(within(ban).getByRole('checkbox', { name: /future meetings/ }));
    await userEvent.click(within(ban).getByRole('button', { name: 'Ban' }));
    expect(acts.ban).toHaveBeenCalledWith('p-alice', true);
  });

  it('renames through a dialog and runs room-wide moderator actions', async () => {
    setMeetingState(joinedState([person(SELF, { role: 'moderator' }), ALICE]));
    useRoomUi.getState().openPanel('people');
    renderWithI18n(<MeetingRoom onLeave={vi.fn()} />);

    await userEvent.click(screen.getByRole('button', { name: 'Actions for Alice' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Rename…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename Alice' });
    const field = within(dialog).getByRole('textbox', { name: 'Display name' });
    await userEvent.clear(field);
    await userEvent.type(field, 'Alice B.{Enter}');
    expect(acts.rename).toHaveBeenCalledWith('p-alice', 'Alice B.');

    await userEvent.click(screen.getByRole('switch', { name: 'Lock room' }));
    expect(acts.lockRoom).toHaveBeenCalledWith(true);
    await userEvent.click(screen.getByRole('button', { name: 'Ask everyone to mute' }));
    expect(acts.requestMute).toHaveBeenCalledWith('everyone');

    await userEvent.click(screen.getByRole('button', { name: 'End meeting…' }));
    const debrief = await screen.findByRole('dialog', { name: 'End the meeting' });
    await userEvent.click(within(debrief).getByRole('radio', { name: /Guests and participants/ }));
    await userEvent.click(within(debrief).getByRole('button', { name: 'End meeting' }));
    expect(acts.debrief).toHaveBeenCalledWith('guests_and_users');
  });
});
