import { installSyncBenchApi } from '@/bench/page/sync-api';

installSyncBenchApi();
