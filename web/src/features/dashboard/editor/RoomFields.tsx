import type { GuestAccess, WaitingRoomMode } from '../../../api/rooms';
import { useI18n } from '../../../i18n';
import { SelectInput, TextInput } from '../components/fields';
import type { FormField, MeetingForm } from '../lib/meetingForm';

interface Props {
  readonly form: MeetingForm;
  readonly onChange: (change: Partial<MeetingForm>) => void;
  readonly errorOf: (field: FormField) => string | null;
}

const WAITING: readonly WaitingRoomMode[] = ['off', 'guests', 'everyone'];
const GUESTS: readonly GuestAccess[] = ['disabled', 'waiting_room', 'direct'];

/** Room password, waiting room and guest access. */
export function RoomFields({ form, onChange, errorOf }: Props) {
  const { t } = useI18n();
  return (
    <div className="dash-form-grid">
      <TextInput
        label={t('dash.editor.password')}
        value={form.password}
        onChange={(password) => onChange({ password })}
        description={t('dash.editor.passwordHint')}
        error={errorOf('password')}
        autoComplete="off"
      />
      <SelectInput
        label={t('dash.editor.waitingRoom')}
        value={form.waitingRoom}
        options={WAITING.map((value) => ({ value, label: t(`dash.editor.waitingRoom.${value}`) }))}
        onChange={(waitingRoom) => onChange({ waitingRoom })}
        error={errorOf('waitingRoom')}
      />
      <SelectInput
        label={t('dash.editor.guestAccess')}
        value={form.guestAccess}
        options={GUESTS.map((value) => ({ value, label: t(`dash.editor.guestAccess.${value}`) }))}
        onChange={(guestAccess) => onChange({ guestAccess })}
        error={errorOf('guestAccess')}
      />
    </div>
  );
}
