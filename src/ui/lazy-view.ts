/**
 * A view that is not on screen when the popup opens (history, shortcuts, conversation options),
 * loaded as its own chunk so the popup's first paint does not wait for it (the 60 KB budget of
 * test/e2e/popup-bundle.test.ts). `preload()` fetches it in idle time after start-up, so a click
 * or a shortcut finds it already there and shows it in the same frame.
 */
import { h, type ComponentType, type VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface LazyView<P> {
  (props: P): VNode<P> | null;
  preload(): Promise<ComponentType<P>>;
}

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const preload = (): Promise<ComponentType<P>> =>
    (pending ??= load().then((component) => (loaded = component)));
  function Lazy(props: P): VNode<P> | null {
    const [View, setView] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (View) return;
      let alive = true;
      void preload().then((component) => alive && setView(() => component));
      return () => {
        alive = false;
      };
    }, [View]);
    return View ? (h(View, props) as VNode<P>) : null;
  }
  return Object.assign(Lazy, { preload });
}
