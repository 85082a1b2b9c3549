// 打印一条记录: what a PrintPreview shows. `print(row)` reads the record
// whole (a batch's list, not the table's row) and opens the preview; a
// read that fails says why at the top of the window. `show(record)` opens
// one already whole (a batch just made).
import { ref, type Ref } from "vue";
import { ElMessage } from "element-plus";
import { toApiError } from "../api/core";

export function usePrintable<T extends { id: number }>(readWhole: (id: number) => Promise<T>) {
  const printing = ref(null) as Ref<T | null>;
  async function print(row: { id: number }) {
    try {
      printing.value = await readWhole(row.id);
    } catch (e) {
      ElMessage.error(toApiError(e).message);
    }
  }
  const show = (record: T) => {
    printing.value = record;
  };
  return { printing, print, show };
}
