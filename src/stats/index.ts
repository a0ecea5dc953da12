export { formatScoreboard, scoreWarnings, type ScoreRow, type Scoreboard, type ScoredWarning } from './scoreboard.js';
