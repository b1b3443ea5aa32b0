import { useEffect, useState } from 'preact/hooks';

/** Below this width (Chrome's side panel is ~360 px) the panel shows compact rows and closed filter groups. */
export const NARROW = '(max-width: 719px)';

export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => matchMedia(NARROW).matches);
  useEffect(() => {
    const mq = matchMedia(NARROW);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}
