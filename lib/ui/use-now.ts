import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs`, for "2 h ago" and "next try at 14:20" to stay true. */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
