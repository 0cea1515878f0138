/** Vite's `?url` imports: the URL of an asset the build emits (used for the map's TopoJSON). */
declare module '*?url' {
  const url: string
  export default url
}
