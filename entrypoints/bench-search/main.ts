import { startSearchBench } from '@/bench/search/page';

startSearchBench();
