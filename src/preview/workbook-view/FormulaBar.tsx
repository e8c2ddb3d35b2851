/** The name box (the active cell's address) and the formula bar (its formula or value, read-only). */
import type { Translate } from "../../i18n";
import { formulaBar, nameBox, toolbar } from "./styles";

export function FormulaBar(props: { address: string; text: string; t: Translate }) {
  const { t } = props;
  return (
    <div style={toolbar}>
      <output aria-label={t("preview.nameBox")} data-testid="name-box" style={nameBox}>
        {props.address}
      </output>
      <input
        aria-label={t("preview.formulaBar")}
        data-testid="formula-bar"
        readOnly
        value={props.text}
        style={formulaBar}
      />
    </div>
  );
}
