/**
 * The focus customer's picker: free text, or one of the data's customers filtered as one types.
 * Fluent's Combobox brings its popup positioning (Floating UI) along, so it is a chunk the pane
 * preloads when idle; until it arrives the field is a plain text input with the same value.
 */
import { Combobox, Option } from "@fluentui/react-components";

export interface FocusPickerProps {
  value: string;
  placeholder: string;
  disabled: boolean;
  /** The customers offered (already filtered by what was typed). */
  options: string[];
  onChange: (value: string) => void;
}

export function FocusPicker(props: FocusPickerProps) {
  return (
    <Combobox
      freeform
      value={props.value}
      placeholder={props.placeholder}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value)}
      onOptionSelect={(_, d) => props.onChange(d.optionText ?? props.value)}
    >
      {props.options.map((name) => (
        <Option key={name} text={name}>
          {name}
        </Option>
      ))}
    </Combobox>
  );
}
