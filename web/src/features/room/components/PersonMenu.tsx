import { EllipsisVertical } from 'lucide-react';
import { MenuItem, Separator } from 'react-aria-components';
import { useShallow } from 'zustand/react/shallow';
import { useI18n } from '../../../i18n';
import { actions, isHandRaised, isModerator, isSending, useMeeting, type Participant } from '../../../meeting';
import { privateKey } from '../logic/chat';
import { tileKey } from '../logic/tiles';
import { useRoomUi } from '../state/roomUi';
import { MenuButton } from './MenuParts';
import { quietly } from '../logic/quietly';

type ItemId =
  | 'message'
  | 'pin'
  | 'lowerOwnHand'
  | 'renameSelf'
  | 'requestMute'
  | 'lowerHand'
  | 'rename'
  | 'role'
  | 'presenter'
  | 'sendBack'
  | 'kick'
  | 'ban';

interface Item {
  readonly id: ItemId;
  readonly label: string;
  readonly danger?: boolean;
}

/** What the local user may do with one person (more for moderators, per docs/protocol.md). */
export function PersonMenu({ person }: { readonly person: Participant }) {
  const { t } = useI18n();
  const s = useMeeting((st) => ({
    selfId: st.selfId,
    iModerate: isModerator(st),
    theyModerate: isModerator(st, person.id),
    handRaised: isHandRaised(st, person.id),
    micOn: st.selfId === person.id ? st.media.local.microphone : isSending(st, person.id, 'microphone'),
    presenter: st.media.presenters.includes(person.id),
    selfRename: st.moderation.self_rename,
  }));
  const ui = useRoomUi(
    useShallow((u) => ({ pinnedKey: u.pinnedKey, togglePin: u.togglePin, openConversation: u.openConversation, openDialog: u.openDialog })),
  );
  const isSelf = person.id === s.selfId;
  const camKey = tileKey(person.id, 'camera');
  const name = person.display_name || t('room.unnamed');

  const items: Item[] = [];
  const moderatorItems: Item[] = [];
  if (!isSelf) items.push({ id: 'message', label: t('room.action.privateMessage') });
  items.push({ id: 'pin', label: ui.pinnedKey === camKey ? t('room.action.unpin') : t('room.action.pin') });
  if (isSelf && s.handRaised) items.push({ id: 'lowerOwnHand', label: t('room.action.lowerHand') });
  if (isSelf && (s.selfRename || s.iModerate)) items.push({ id: 'renameSelf', label: t('room.action.renameSelf') });
  if (s.iModerate && !isSelf) {
    if (s.micOn) moderatorItems.push({ id: 'requestMute', label: t('room.action.requestMute') });
    if (s.handRaised) moderatorItems.push({ id: 'lowerHand', label: t('room.action.lowerHand') });
    moderatorItems.push({ id: 'rename', label: t('room.action.rename') });
    if (person.role === 'user' && person.kind === 'user') {
      moderatorItems.push({ id: 'role', label: t('room.action.makeModerator') });
    } else if (person.role === 'moderator') {
      moderatorItems.push({ id: 'role', label: t('room.action.removeModerator') });
    }
    if (!s.theyModerate) {
      moderatorItems.push({
        id: 'presenter',
        label: s.presenter ? t('room.action.forbidPresenter') : t('room.action.allowPresenter'),
      });
    }
    if (person.role !== 'owner') {
      moderatorItems.push({ id: 'sendBack', label: t('room.action.sendBack') });
      moderatorItems.push({ id: 'kick', label: t('room.action.kick'), danger: true });
      moderatorItems.push({ id: 'ban', label: t('room.action.ban'), danger: true });
    }
  }

  const run = (id: ItemId) => {
    switch (id) {
      case 'message':
        ui.openConversation(privateKey(person.id));
        break;
      case 'pin':
        ui.togglePin(camKey);
        break;
      case 'lowerOwnHand':
        quietly(actions.lowerHand());
        break;
      case 'renameSelf':
      case 'rename':
        ui.openDialog({ kind: 'rename', participantId: person.id });
        break;
      case 'requestMute':
        quietly(actions.requestMute([person.id]));
        break;
      case 'lowerHand':
        quietly(actions.lowerHands([person.id]));
        break;
      case 'role':
        quietly(actions.setRole(person.id, person.role === 'moderator' ? 'user' : 'moderator'));
        break;
      case 'presenter':
        quietly(actions.setPresenter(person.id, !s.presenter));
        break;
      case 'sendBack':
        quietly(actions.sendBack(person.id));
        break;
      case 'kick':
        ui.openDialog({ kind: 'kick', participantId: person.id });
        break;
      case 'ban':
        ui.openDialog({ kind: 'ban', participantId: person.id });
        break;
    }
  };

  const label = t('room.people.actions', { name });
  const render = (item: Item) => (
    <MenuItem key={item.id} id={item.id} className={`menu__item${item.danger ? ' menu__item--danger' : ''}`}>
      {item.label}
    </MenuItem>
  );
  return (
    <MenuButton
      label={label}
      face={<EllipsisVertical aria-hidden="true" size={18} />}
      buttonClassName="icon-button"
      placement="bottom end"
      onAction={(key) => run(key as ItemId)}
    >
      {items.map(render)}
      {moderatorItems.length > 0 && <Separator className="menu__separator" />}
      {moderatorItems.map(render)}
    </MenuButton>
  );
}
