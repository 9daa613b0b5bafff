/** The ledger forms' buttons: save (submits the form) and cancel. */
import { Button, Space } from 'antd';

export function SaveCancel({
  saving,
  saveLabel,
  saveTestId,
  cancelLabel,
  onCancel,
}: {
  saving: boolean;
  saveLabel: string;
  saveTestId: string;
  cancelLabel: string;
  onCancel(): void;
}) {
  return (
    <Space>
      <Button type="primary" htmlType="submit" loading={saving} data-testid={saveTestId}>
        {saveLabel}
      </Button>
      <Button onClick={onCancel}>{cancelLabel}</Button>
    </Space>
  );
}
