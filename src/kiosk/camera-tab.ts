import { useEffect, useRef, useState } from 'preact/hooks';

/** Held by the one tab that runs the camera: two tabs scanning would log every visitor twice (issue #12). */
const CAMERA_LOCK = 'gatelog-camera';

export interface CameraTab {
  /** undefined until the lock manager answers; true where there is no Web Locks API (one tab is all we can do). */
  owner: boolean | undefined;
  /** "Dùng tab này": takes the camera from the other tab, which then says so. */
  takeOver(): void;
}

/**
 * Web Locks across the origin's tabs: the first tab holds the camera lock for its life; another tab waits
 * in line (taking over by itself when the first closes) and can steal it on the attendant's tap.
 */
export function useCameraTab(): CameraTab {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const [owner, setOwner] = useState<boolean | undefined>(locks ? undefined : true);
  const queued = useRef<AbortController>(undefined);

  const request = (mode: 'try' | 'wait' | 'steal'): void => {
    if (!locks) return;
    const ctrl = new AbortController();
    if (mode === 'wait') queued.current = ctrl;
    const options: LockOptions = mode === 'try' ? { ifAvailable: true } : mode === 'steal' ? { steal: true } : { signal: ctrl.signal };
    let held = false;
    locks
      .request(CAMERA_LOCK, options, (lock) => {
        if (!lock) {
          setOwner(false);
          request('wait');
          return undefined;
        }
        held = true;
        setOwner(true);
        return new Promise<void>(() => {}); // held until the tab closes or another tab steals it
      })
      .catch(() => {
        // Stolen by another tab (AbortError): stop scanning here and wait in line again.
        if (!held) return;
        setOwner(false);
        request('wait');
      });
  };

  useEffect(() => request('try'), []);
  return {
    owner,
    takeOver: () => {
      queued.current?.abort();
      request('steal');
    },
  };
}
