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
    url: text({ description: 'What the project actually read: a stored copy, or a repository at a commit. Empty for a local file (see note).' }).optional(),
    original_url: text({ description: "The publisher's own address, when the project read a copy of it elsewhere (url)." }).optional(),
    published: text({ description: 'Publication date or year, as the source gives it.' }).optional(),
    retrieved: date({
      description: 'When the project read the source. Not the as-of date of its numbers: that is the last observation of each series.',
    }).optional(),
    licence: text().optional(),
    note: note(),
  },
  primaryKey: ['id'],
});
