// The content box of an element, followed as it resizes (the window, a sidebar, the language's layout).
import { useCallback, useRef, useState } from 'react';

export interface Size {
  width: number;
  height: number;
}

/** A callback ref and the size of the element it is attached to (0 × 0 until it is measured). */
export function useElementSize<T extends HTMLElement>(): [(element: T | null) => void, Size] {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      setSize((current) => (current.width === width && current.height === height ? current : { width, height }));
    };
    observer.current = new ResizeObserver(measure);
    observer.current.observe(element);
    measure();
  }, []);
  return [ref, size];
}
