import { date, id, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { note } from './common.js';

export const sources = defineDataset({
  name: 'sources',
  title: 'Sources',
  description: 'Every source a row in data/ cites, with where to find it and when it was read.',
  fields: {
    id: id({ description: 'Short id cited by other datasets.' }),
    title: text(),
    publisher: text(),
    url: text({ description: 'Where the source can be read.' }).optional(),
    published: text({ description: 'Publication date or year, as the source gives it.' }).optional(),
    retrieved: date({ description: 'When the project read the source (the as-of date of its numbers).' }),
    licence: text().optional(),
    note: note(),
  },
  primaryKey: ['id'],
});
