// The first screen's paint, told to the backend once: it starts the work
// held back so as not to slow that screen (the data file's check, the day's
// backups), and is what scripts/startup-bench.sh times. Two animation frames
// after the call the figures are on screen, not just in the DOM.
import { nextTick } from "vue";
import { appPainted } from "../api/commands";

let told = false;
let paintedNow: () => void = () => undefined;
const paintedPromise = new Promise<void>((resolve) => (paintedNow = resolve));

/** Resolves once the first screen has painted: what is not needed for it
 *  (a picker's calendar, say) is made then. */
export function afterFirstPaint(): Promise<void> {
  return paintedPromise;
}

/** Resolves once the first screen has painted, or two seconds after the
 *  page started if the window opened on a screen that does not say so:
 *  when what only a user's hover or click needs is set up. */
export function afterStart(): Promise<void> {
  return Promise.race([paintedPromise, new Promise<void>((resolve) => setTimeout(resolve, 2000))]);
}

/** Says, once per window, that `screen` has painted. */
export function painted(screen: string): void {
  if (told) return;
  told = true;
  void nextTick(() =>
    requestAnimationFrame(() => {
      performance.mark("frame");
      requestAnimationFrame(() => {
        paintedNow();
        // with the page's own share: ms from its navigation to this frame
        appPainted(`${screen} page=${Math.round(performance.now())} ${marks()}`, performance.timeOrigin).catch(
          () => undefined,
        );
      });
    }),
  );
}

// where the page's share went (ms from its navigation): its HTML read,
// main.ts running (its scripts fetched and their imports run), the app's
// status and the desk's figures answered, the first frame after them (its
// layout done; the second, painted, is `page`). The backend adds `nav`,
// the ms from the process's start to the navigation.
function marks(): string {
  // the page itself in: its HTML read (the scripts are fetched after it)
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  const html = nav ? [`html=${Math.round(nav.responseEnd)}`] : [];
  const marked = ["main", "status", "data", "frame"]
    .map((n) => [n, performance.getEntriesByName(n)[0]] as const)
    .filter(([, e]) => e)
    .map(([n, e]) => `${n}=${Math.round(e!.startTime)}`);
  return html.concat(marked).join(" ");
}
