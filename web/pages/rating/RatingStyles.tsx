/** The rating pages' stylesheet as an element (constant CSS, so emitted unescaped). */
import { raw } from 'hono/html';
import { ratingStyles } from './styles.js';

export function RatingStyles() {
  return <style>{raw(ratingStyles)}</style>;
}
