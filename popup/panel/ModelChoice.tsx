import type { SheetModel } from '../../src/pdf';
import { t } from '../shared/lang';

/** A sheets model picker (1, 2 or 8 per page) with its own label: a print says which model it uses. */
export function ModelChoice({ id, label, value, onChange }: { id: string; label: string; value: SheetModel; onChange: (m: SheetModel) => void }) {
  return (
    <label class="model-choice" for={id}>
      <span>{label}</span>{' '}
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as SheetModel)}>
        <option value="pdf">{t('model1')}</option>
        <option value="newPdf">{t('model2')}</option>
        <option value="simplePdf">{t('model8')}</option>
        <option value="letter">{t('modelLetter')}</option>
      </select>
    </label>
  );
}
