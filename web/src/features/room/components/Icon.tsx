import type { LucideIcon } from 'lucide-react';

/** A lucide icon with a text alternative (icons are otherwise decorative and hidden). */
export function LabelledIcon({ icon: Icon, label, className }: { icon: LucideIcon; label: string; className?: string }) {
  return (
    <span role="img" aria-label={label} title={label} className={className}>
      <Icon aria-hidden="true" focusable="false" size={16} />
    </span>
  );
}
