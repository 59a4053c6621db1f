/** `bottleneck/light.js` (the build Octokit's plugins use, without Redis clustering) has the main build's types. */
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
