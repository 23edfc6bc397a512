export { Nullable } from '../../../common/schemas';
