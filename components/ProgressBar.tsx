type Props = {
  /** Visible text under the bar, also what assistive technology reads as the value. */
  label: string;
  value?: number;
  max?: number;
};

/**
 * A native <progress> (role progressbar). Without a value it is indeterminate: the work has
 * started but its size is not known yet. The aria-value attributes repeat the native ones so
 * every screen reader, and every test, reads the same numbers.
 */
export function ProgressBar({ label, value, max }: Props) {
  const known = value !== undefined && max !== undefined && max > 0;
  return (
    <div className="progress">
      <progress
        value={known ? value : undefined}
        max={known ? max : undefined}
        aria-valuenow={known ? value : undefined}
        aria-valuemin={known ? 0 : undefined}
        aria-valuemax={known ? max : undefined}
        aria-valuetext={label}
        aria-label={label}
      />
      <p className="progress-label">{label}</p>
    </div>
  );
}
