/// <reference lib="webworker" />
import { expose } from 'comlink';
import { createDeskApi } from '../desk-api';

expose(createDeskApi());
