/**
 * Views loaded on first use: each is a webpack chunk, shown behind a Suspense fallback (a Fluent
 * Spinner labelled in the pane's language, or a stand-in of the same size) and an error boundary
 * that says, in the pane's language, when a chunk could not be loaded (offline) and offers to try
 * again. The chunks the analyst will surely need are preloaded once the pane is idle after its
 * first render, so a click does not wait for the network.
 */
import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from "react";
import { Button, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../i18n-context";
import { isChunkLoadError } from "../messages";

/**
 * A chunk's loader, memoised: one request however often it is called (a view, a preload and a
 * click share it). A failure is forgotten, so the next call asks the network again.
 */
export function chunkLoader<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= load().catch((e: unknown) => {
      pending = null;
      throw e;
    }));
}

/** Runs `task` once the browser is idle (requestIdleCallback, else a short timeout); returns a cancel. */
export function whenIdle(task: () => void, timeoutMs = 2000): () => void {
  if (typeof window !== "undefined" && typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(task, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(task, 50);
  return () => clearTimeout(id);
}

/** Starts loading chunks in idle time; a failure is ignored here (the view that needs the chunk says so). */
export function preload(loaders: (() => Promise<unknown>)[]): () => void {
  return whenIdle(() => {
    for (const load of loaders) load().catch(() => undefined);
  });
}

const useStyles = makeStyles({
  failed: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalXS,
    color: tokens.colorPaletteRedForeground1,
  },
});

/** The fallback while a chunk loads: a small spinner whose label names what happens, in the pane's language. */
export function Loading() {
  const { t } = useI18n();
  return <Spinner size="tiny" labelPosition="after" label={t("ui.loading")} />;
}

/** What the pane shows when a chunk could not be loaded: what happened, and a way to try again. */
export function LoadFailed(props: { onRetry?: () => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <div className={styles.failed}>
      <Text size={200} role="alert">
        {t("ui.loadFailed")}
      </Text>
      {props.onRetry && (
        <Button size="small" onClick={props.onRetry}>
          {t("ui.retry")}
        </Button>
      )}
    </div>
  );
}

/** Catches a chunk that failed to load below it; any other error goes on up. */
class ChunkBoundary extends Component<{ children: ReactNode; onRetry: () => void }, { failed: unknown }> {
  override state: { failed: unknown } = { failed: null };
  static getDerivedStateFromError(failed: unknown) {
    return { failed };
  }
  override render() {
    const { failed } = this.state;
    if (failed && !isChunkLoadError(failed)) throw failed;
    if (failed)
      return (
        <LoadFailed
          onRetry={() => {
            this.props.onRetry();
            this.setState({ failed: null });
          }}
        />
      );
    return this.props.children;
  }
}

/**
 * A component loaded from a chunk on first render: `load` resolves to the component (use a
 * `chunkLoader`, so preloads share its request). Until it arrives the view shows `Fallback` (given
 * the same props) or a spinner; if it cannot arrive, a message and "Try again".
 */
export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
  Fallback?: ComponentType<P>,
): ComponentType<P> {
  // Typed loosely inside: React's lazy types do not carry a generic P through; the signature does.
  const make = () => lazy(() => load().then((c) => ({ default: c as ComponentType<object> })));
  // One lazy component for every mount (a view mounted again shows at once); a new one on retry.
  let Loaded = make();
  function LazyView(props: P) {
    const [, setAttempt] = useState(0);
    const retry = () => {
      Loaded = make();
      setAttempt((n) => n + 1);
    };
    return (
      <ChunkBoundary onRetry={retry}>
        <Suspense fallback={Fallback ? <Fallback {...props} /> : <Loading />}>
          <Loaded {...props} />
        </Suspense>
      </ChunkBoundary>
    );
  }
  return LazyView;
}
