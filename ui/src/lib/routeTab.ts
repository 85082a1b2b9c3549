// An area's tab, taken from the route's ?tab=… (the dashboard links to a
// tab) and followed when the route changes.
import { ref, watch, type Ref } from "vue";
import { useRoute } from "vue-router";

export function useRouteTab(fallback: string): Ref<string> {
  const route = useRoute();
  const tab = ref(typeof route.query.tab === "string" ? route.query.tab : fallback);
  watch(
    () => route.query.tab,
    (t) => {
      if (typeof t === "string") tab.value = t;
    },
  );
  return tab;
}
