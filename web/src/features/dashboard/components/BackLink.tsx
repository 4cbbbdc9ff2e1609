import { ArrowLeft } from 'lucide-react';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n';

/** "Back to the overview": the link at the top of the editor and settings pages. */
export function BackLink() {
  const { t } = useI18n();
  return (
    <Link to="/" className="dash-back-link">
      <ArrowLeft aria-hidden="true" size={16} />
      {t('dash.editor.back')}
    </Link>
  );
}
