// 设置卡片: a card of the settings page (回访与点检规则, 三包政策) that is
// saved with its own button or with the page's 保存设置. What it shows is
// read into its form when it opens; `dirty` while the form differs from
// what was read or saved (the page asks before leaving); `save` sends the
// form, shows what it did and returns that sentence — or null when it was
// refused, and the card's red line and fields say why.
import { computed, onMounted, ref } from "vue";
import { ElMessage } from "element-plus";
import { toApiError } from "../api/core";
import { useSubmit } from "./submit";

export interface SettingsCard<R> {
  /** reads what the card shows */
  read: () => Promise<R>;
  /** puts it into the card's form */
  fill: (saved: R) => void;
  /** what the form holds now, as text to compare with what was saved */
  current: () => string;
  /** sends the form; answers what was saved */
  send: () => Promise<R>;
  /** what else the card reads after reading or saving (its history) */
  after?: () => Promise<void>;
  /** the sentence shown when it was saved */
  said: (saved: R) => string;
}

export function useSettingsCard<R, K extends string = string>(card: SettingsCard<R>) {
  const { busy, summary, errors, submit } = useSubmit<K>("alert");
  const snapshot = ref("");
  const dirty = computed(() => snapshot.value !== "" && card.current() !== snapshot.value);

  function show(saved: R) {
    card.fill(saved);
    snapshot.value = card.current();
  }

  onMounted(async () => {
    try {
      show(await card.read());
      await card.after?.();
    } catch (e) {
      summary.value = toApiError(e).message;
    }
  });

  async function save(): Promise<string | null> {
    let said: string | null = null;
    await submit(card.send, async (saved) => {
      show(saved);
      await card.after?.();
      said = card.said(saved);
      ElMessage.success(said);
    });
    return said;
  }

  return { busy, summary, errors, dirty, save };
}
