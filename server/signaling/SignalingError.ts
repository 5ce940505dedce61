// The refusal type lives with the room's rules; the edge and the room throw the same one.
export { RoomError as SignalingError } from '../live/RoomError';
