import { execSync } from 'node:child_process';

/** E2E tests run against the production build, exactly what a user loads. */
export default function globalSetup(): void {
  if (process.env.PAPERPEEK_SKIP_BUILD) return;
  execSync('npm run build', { stdio: 'inherit' });
}
