import { useI18n } from '../../../i18n';

/** A progress message for screen readers with skeleton rows for the eye. */
export function Loading({ rows = 3 }: { readonly rows?: number }) {
  const { t } = useI18n();
  return (
    <div className="dash-loading">
      <p role="status" className="dash-loading__text">
        <span className="spinner" aria-hidden="true" />
        {t('dash.loading')}
      </p>
      <div aria-hidden="true" className="dash-skeletons">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="dash-skeleton" />
        ))}
      </div>
    </div>
  );
}
