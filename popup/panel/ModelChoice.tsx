import type { SheetModel } from '../../src/pdf';
import { ModelOptions } from '../shared/ModelOptions';
import { t } from '../shared/lang';

/** A sheets model picker (1, 2 or 8 per page) with its own label: a print says which model it uses. */
export function ModelChoice({ id, label, value, onChange }: { id: string; label: string; value: SheetModel; onChange: (m: SheetModel) => void }) {
  return (
    <label class="model-choice" for={id}>
      <span>{label}</span>{' '}
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as SheetModel)}>
        <ModelOptions t={t} />
      </select>
    </label>
  );
}
