import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { managerDbHandle } from '@/components/manager/db-handle';
import { startFirstScreen } from '@/components/manager/first-screen';
import { App } from './App';
import '../options/theme.css';
import './style.css';

const root = document.getElementById('root');
if (root) {
  // Dexie loads behind this handle once the first screen is painted (components/manager/db-handle.ts).
  const db = managerDbHandle();
  // Before React mounts: takes the head script's read, or starts one that overlaps React's render.
  startFirstScreen(db);
  createRoot(root).render(
    <StrictMode>
      <App db={db} />
    </StrictMode>,
  );
}
