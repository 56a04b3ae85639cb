import { useId, type ChangeEvent } from 'react';
import { BACKFILL_DEFAULT_DAYS, HF_FIRST_DAY } from '@/lib/feeds/sources';
import { formatDay } from '@/lib/ui/format';

type Props = {
  value: number | 'all';
  disabled?: boolean;
  onChange: (next: number | 'all') => void;
};

const CHOICES: [number, string][] = [
  [30, '30 days'],
  [BACKFILL_DEFAULT_DAYS, `${BACKFILL_DEFAULT_DAYS} days`],
  [182, '6 months'],
  [365, '1 year'],
  [730, '2 years'],
];

const daysSince = (day: string) => Math.ceil((Date.now() - Date.parse(day)) / 86_400_000);

/** One request per weekday (weekends have no daily papers), one a second. */
function minutes(days: number): string {
  const n = Math.max(1, Math.round((days * 5) / 7 / 60));
  return n === 1 ? 'a minute' : `${n} minutes`;
}

/** How far back Hugging Face's daily papers are fetched the first time (the backfill). */
export function BackfillSelect({ value, disabled, onChange }: Props) {
  const id = useId();
  const hint = useId();
  const since = formatDay(new Date(`${HF_FIRST_DAY}T12:00:00Z`), new Date(0));
  const choices = CHOICES.some(([days]) => days === value)
    ? CHOICES
    : typeof value === 'number'
      ? [...CHOICES, [value, `${value} days`] as [number, string]].sort((a, b) => a[0] - b[0])
      : CHOICES;
  const onSelect = (event: ChangeEvent<HTMLSelectElement>) => {
    const next = event.target.value;
    onChange(next === 'all' ? 'all' : Number(next));
  };
  return (
    <div className="field">
      <label htmlFor={id}>Fetch daily papers from the last</label>
      <select
        id={id}
        className="select"
        value={String(value)}
        disabled={disabled}
        aria-describedby={hint}
        onChange={onSelect}
      >
        {choices.map(([days, text]) => (
          <option key={days} value={days}>
            {text}
          </option>
        ))}
        <option value="all">Everything, since {since}</option>
      </select>
      <p className="hint" id={hint}>
        The first update reaches this far back, newest first, asking at most once a second: about{' '}
        {minutes(value === 'all' ? daysSince(HF_FIRST_DAY) : value)}. Later updates fetch only the
        new days.
      </p>
    </div>
  );
}
