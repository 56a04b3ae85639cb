import { installBenchApi } from '@/bench/page/api';

installBenchApi();
