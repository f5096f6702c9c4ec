/**
 * Registers the feature seeds (ratings, critiques, rankings) with the demo seed.
 * Each feature adds one import here.
 */
import './critiques.js';
import './ratings.js';
import './rankings.js';
