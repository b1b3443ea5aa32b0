import type { Translate } from '../../src/i18n/ui';
import type { SheetModel } from '../../src/pdf';

/** The sheets models, in the order every picker shows them, with their names' keys. */
export const MODEL_KEY = { pdf: 'model1', newPdf: 'model2', simplePdf: 'model8', letter: 'modelLetter' } as const satisfies Record<SheetModel, string>;

/** The `<option>`s of a model picker (publishing, follow-up, meeting mode, Réglages): one list for all. */
export function ModelOptions({ t }: { t: Translate }) {
  return (
    <>
      {(Object.keys(MODEL_KEY) as SheetModel[]).map((m) => (
        <option key={m} value={m}>
          {t(MODEL_KEY[m])}
        </option>
      ))}
    </>
  );
}
