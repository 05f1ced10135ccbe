/** The GraphQL of camera video. */
export const CAMERA_STREAM = /* GraphQL */ `
  query CameraStream($cameraId: ID!) {
    cameraStream(cameraId: $cameraId) {
      url
      protocol
      expiresAt
      synthetic
    }
  }
`;

/** One camera's stream, as the server gives it: a path on our own origin. */
export interface CameraStream {
  url: string;
  protocol: 'HLS' | 'FLV';
  expiresAt: string;
  synthetic: boolean;
}
