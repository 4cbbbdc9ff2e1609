import { Button } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../i18n';

/** The editors' submit button (`submitLabel`, "Saving…" while saving) and Cancel (back to the overview). */
export function FormActions({ saving, submitLabel }: { readonly saving: boolean; readonly submitLabel: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="dash-form-actions">
      <Button type="submit" className="button" isDisabled={saving}>
        {saving ? t('dash.editor.saving') : submitLabel}
      </Button>
      <Button className="button dash-button--secondary" onPress={() => navigate('/')} isDisabled={saving}>
        {t('dash.cancel')}
      </Button>
    </div>
  );
}
