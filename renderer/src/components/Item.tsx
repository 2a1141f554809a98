import { vi } from '../../../electron/contract/messages.vi';

/** One fact of a description list: its label, and its value or a dash. */
export function Item(props: { label: string; value: string | null | undefined }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.value && props.value !== '' ? props.value : vi.detail.none}</dd>
    </>
  );
}
