import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startFirstScreen } from '@/components/manager/first-screen';
import { managerDb } from '@/components/manager/manager-db';
import { App } from './App';
import '../options/theme.css';
import './style.css';

const root = document.getElementById('root');
if (root) {
  const db = managerDb();
  // Before React mounts, so that the database opens and reads while React renders the frame.
  startFirstScreen(db);
  createRoot(root).render(
    <StrictMode>
      <App db={db} />
    </StrictMode>,
  );
}
