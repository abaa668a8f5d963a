import { useEffect, useState } from 'preact/hooks';

/** The page address lives in the hash (#/inbox, #/p/<id>), so the API serves one file for every page. */
export function currentPath(): string {
  return location.hash.replace(/^#/, '') || '/inbox';
}

export function navigate(path: string): void {
  location.hash = path;
}

/** The current path, re-rendering on every change of the hash. */
export function useRoute(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = () => {
      setPath(currentPath());
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}
