/**
 * The live vessels as one MapLibre custom WebGL layer: every vessel is one point sprite in one
 * vertex buffer (x, y in Web Mercator 0..1, category, heading), drawn with a single draw call —
 * a dot below ARROW_ZOOM, an arrow along the heading from there. An update rebuilds the typed
 * array and uploads it once; a frame only sets a few uniforms and draws. Nothing goes through
 * the GeoJSON worker (parsing, tiling and bucketing 50,000 features took seconds on software GL).
 * Hover and click are answered from a KDBush index over the same points.
 *
 * While the map only pans, the vessels are not drawn again: they are drawn once into a texture
 * larger than the screen (a margin of half the viewport on every side), and each frame copies that
 * texture to the screen shifted by how far the map has moved since (one full-screen pass instead of
 * 50,000 point sprites: on SwiftShader ≈ 50 → ≈ 11 ms of a frame, docs/ui.md "Pan"). The texture
 * is drawn again when the vessels, the zoom, the bearing, the theme or the canvas size change or the
 * view leaves it; while the zoom or the bearing changes from one frame to the next the vessels are
 * drawn directly.
 */
import KDBush from 'kdbush';
import type * as maplibregl from 'maplibre-gl';
import type { LiveVessel } from './api.js';
import { CATEGORIES, COLORS, categoryOf } from './vessels.js';

/** Zoom from which vessels are drawn as heading arrows instead of dots. */
export const ARROW_ZOOM = 6;
const FLOATS = 4;

const VERT = `#version 300 es
uniform mat4 u_matrix;
uniform float u_size;
uniform vec3 u_colors[${CATEGORIES.length}];
in vec2 a_pos;
in float a_cat;
in float a_heading;
out vec3 v_color;
out float v_heading;
void main() {
  gl_Position = u_matrix * vec4(a_pos, 0.0, 1.0);
  gl_PointSize = u_size;
  v_color = u_colors[int(a_cat)];
  v_heading = a_heading;
}`;

// Dot: a disc. Arrow: a notched triangle pointing along the heading (rotated in the fragment shader),
// with an outline in the theme's contrast colour.
const FRAG = `#version 300 es
precision mediump float;
uniform float u_arrows;
uniform float u_bearing;
uniform vec3 u_outline;
in vec3 v_color;
in float v_heading;
out vec4 o;
void main() {
  vec2 p = gl_PointCoord * 2.0 - 1.0;
  if (u_arrows < 0.5) {
    if (dot(p, p) > 1.0) discard;
    o = vec4(v_color, 1.0);
    return;
  }
  float h = v_heading - u_bearing;
  float c = cos(h), s = sin(h);
  vec2 q = vec2(c * p.x + s * p.y, -s * p.x + c * p.y);
  float ax = abs(q.x);
  float d1 = (q.y - (-0.95 + 2.6 * ax)) * 0.359;
  float d2 = ((0.35 + 0.75 * ax) - q.y) * 0.8;
  float d = min(d1, d2);
  if (d < 0.0) discard;
  o = vec4(d < 0.1 ? u_outline : v_color, 1.0);
}`;

// The cached picture to the screen: one triangle over the viewport, textured from the cache at
// each pixel's position plus the margin, minus the map's shift since it was drawn (whole pixels,
// nearest texel: a copy), blended over the basemap. A varying coordinate and texture() cost less on
// SwiftShader than texelFetch(gl_FragCoord) with a discard (≈ 11 against 16 ms per frame); highp,
// since a texture coordinate must resolve one texel of up to CACHE_MAX.
const BLIT_VERT = `#version 300 es
uniform vec2 u_scale;
uniform vec2 u_offset;
out highp vec2 v_uv;
void main() {
  vec2 v = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(v * 2.0 - 1.0, 0.0, 1.0);
  v_uv = v * u_scale + u_offset;
}`;

const BLIT_FRAG = `#version 300 es
precision highp float;
uniform sampler2D u_tex;
in highp vec2 v_uv;
out vec4 o;
void main() {
  o = texture(u_tex, v_uv);
}`;

/** Margin of the cached picture around the viewport, as a fraction of the viewport's size per side. */
const CACHE_MARGIN = 0.5;
/** The cache is redrawn before the view comes this close (px) to its edge: sprites centred just outside it are missing there. */
const CACHE_GUARD = 16;
/** Largest side of the cache texture (px); a smaller margin is used beyond it. */
const CACHE_MAX = 4096;
/**
 * Largest cache texture in pixels (32 MiB): a large HiDPI canvas gets a smaller margin, or no cache
 * (a GPU that drives such a screen draws 50,000 points in well under a millisecond anyway).
 */
const CACHE_MAX_PIXELS = 8 * 2 ** 20;

/** One drawn picture of the vessels in a texture (see the file comment). */
interface Cache {
  tex: WebGLTexture; fbo: WebGLFramebuffer; w: number; h: number; mx: number; my: number;
  /** What it was drawn for: data version, zoom, bearing, pitch, canvas size, outline. */
  key: string;
  /** A Mercator point and where it was, in device pixels, when the picture was drawn. */
  ref: [number, number]; refPx: [number, number];
  valid: boolean;
}

function rgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16) / 255, parseInt(hex.slice(3, 5), 16) / 255, parseInt(hex.slice(5, 7), 16) / 255];
}

function compile(gl: WebGL2RenderingContext, type: number, src: string): WebGLShader {
  const s = gl.createShader(type)!;
  gl.shaderSource(s, src);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(`vessel layer shader: ${gl.getShaderInfoLog(s) ?? ''}`);
  return s;
}

function link(gl: WebGL2RenderingContext, vert: string, frag: string): WebGLProgram {
  const p = gl.createProgram();
  gl.attachShader(p, compile(gl, gl.VERTEX_SHADER, vert));
  gl.attachShader(p, compile(gl, gl.FRAGMENT_SHADER, frag));
  gl.linkProgram(p);
  if (!gl.getProgramParameter(p, gl.LINK_STATUS)) throw new Error(`vessel layer program: ${gl.getProgramInfoLog(p) ?? ''}`);
  return p;
}

/** Device-pixel position (origin bottom left, as gl_FragCoord) of Mercator point `p` under a projection matrix. */
function toPx(m: ArrayLike<number>, p: [number, number], w: number, h: number): [number, number] {
  const x = m[0] * p[0] + m[4] * p[1] + m[12], y = m[1] * p[0] + m[5] * p[1] + m[13], ww = m[3] * p[0] + m[7] * p[1] + m[15];
  return [((x / ww) * 0.5 + 0.5) * w, ((y / ww) * 0.5 + 0.5) * h];
}

/** What hover and click need about a vessel under the pointer. */
export interface PickedVessel { mmsi: number; name: string; category: string; speed: number | undefined }

export class VesselLayer implements maplibregl.CustomLayerInterface {
  readonly id = 'vessels';
  readonly type = 'custom' as const;
  readonly renderingMode = '2d' as const;
  /** Vessels in the buffer. */
  count = 0;
  /** Called once, at the first frame that drew vessels. */
  onFirstFrame: (() => void) | undefined;
  private map: maplibregl.Map | undefined;
  private gl: WebGL2RenderingContext | undefined;
  private program: WebGLProgram | undefined;
  private buffer: WebGLBuffer | undefined;
  private vao: WebGLVertexArrayObject | undefined;
  private data = new Float32Array(0);
  private dirty = false;
  private mmsis: number[] = [];
  private picked: LiveVessel[] = [];
  private index: KDBush | undefined;
  private loc: Record<string, WebGLUniformLocation | null> = {};
  private outline: [number, number, number] = [0.1, 0.14, 0.19];
  private blit: WebGLProgram | undefined;
  private blitLoc: Record<string, WebGLUniformLocation | null> = {};
  private cache: Cache | undefined;
  /** Bumped at every change of what is drawn (vessels, outline): a cached picture of another version is stale. */
  private version = 0;
  /** Zoom and bearing of the previous frame: while they change, the vessels are drawn directly (no cache to redraw every frame). */
  private lastView = '';
  /** This frame copies the cached picture (decided in prerender). */
  private useCache = false;
  /** Cached pictures drawn so far, and frames that copied one (for tests and the benchmark). */
  cacheDraws = 0;
  cacheFrames = 0;
  /** Set to false to draw every frame directly (A/B measurements). */
  cacheEnabled = true;

  /** Colour of the arrows' outline (the theme's contrast colour). */
  setOutline(hex: string): void {
    this.outline = rgb(hex);
    this.version++;
    this.map?.triggerRepaint();
  }

  /** Replace the drawn vessels (one typed array, uploaded at the next frame). */
  setVessels(vessels: Iterable<LiveVessel>, size: number): void {
    if (this.data.length < size * FLOATS) this.data = new Float32Array(Math.ceil(size * 1.25) * FLOATS);
    const d = this.data;
    const list: LiveVessel[] = [];
    let i = 0;
    for (const v of vessels) {
      if (!(v.lat >= -85.05 && v.lat <= 85.05 && v.lon >= -180 && v.lon <= 180)) continue;
      const sin = Math.sin((v.lat * Math.PI) / 180);
      d[i * FLOATS] = 0.5 + v.lon / 360;
      d[i * FLOATS + 1] = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
      d[i * FLOATS + 2] = CATEGORIES.indexOf(categoryOf(v.ship_type));
      d[i * FLOATS + 3] = (((v.heading ?? v.course ?? 0) % 360) * Math.PI) / 180;
      list.push(v);
      i++;
    }
    this.count = i;
    this.picked = list;
    this.index = undefined;
    this.dirty = true;
    this.version++;
    this.map?.triggerRepaint();
  }

  /** The vessels in the buffer, as drawn (the live picture may have moved on since). */
  drawn(): readonly LiveVessel[] {
    return this.picked;
  }

  /** The vessel nearest the screen point within `radius` pixels, if any. */
  pick(point: { x: number; y: number }, radius = 8): PickedVessel | undefined {
    const map = this.map;
    if (!map || this.count === 0) return undefined;
    if (!this.index) {
      const idx = new KDBush(this.count, 64, Float32Array);
      for (let i = 0; i < this.count; i++) idx.add(this.data[i * FLOATS], this.data[i * FLOATS + 1]);
      idx.finish();
      this.index = idx;
    }
    const worldPx = 512 * 2 ** map.getZoom();
    const c = map.unproject([point.x, point.y]);
    const sin = Math.sin((c.lat * Math.PI) / 180);
    const x = 0.5 + c.lng / 360, y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
    const r = radius / worldPx;
    let best = -1, bestD = Infinity;
    for (const i of this.index.range(x - r, y - r, x + r, y + r)) {
      const dx = this.data[i * FLOATS] - x, dy = this.data[i * FLOATS + 1] - y;
      const dd = dx * dx + dy * dy;
      if (dd < bestD) { bestD = dd; best = i; }
    }
    if (best < 0) return undefined;
    const v = this.picked[best];
    return { mmsi: v.mmsi, name: v.name ?? '', category: categoryOf(v.ship_type), speed: v.speed };
  }

  onAdd(map: maplibregl.Map, gl: WebGLRenderingContext | WebGL2RenderingContext): void {
    this.map = map;
    const g = gl as WebGL2RenderingContext;
    this.gl = g;
    const p = link(g, VERT, FRAG);
    this.program = p;
    this.blit = link(g, BLIT_VERT, BLIT_FRAG);
    for (const n of ['u_tex', 'u_offset', 'u_scale']) this.blitLoc[n] = g.getUniformLocation(this.blit, n);
    for (const n of ['u_matrix', 'u_size', 'u_colors', 'u_arrows', 'u_bearing', 'u_outline']) this.loc[n] = g.getUniformLocation(p, n);
    this.buffer = g.createBuffer();
    this.vao = g.createVertexArray();
    g.bindVertexArray(this.vao);
    g.bindBuffer(g.ARRAY_BUFFER, this.buffer);
    const attr = (name: string, size: number, offset: number): void => {
      const l = g.getAttribLocation(p, name);
      g.enableVertexAttribArray(l);
      g.vertexAttribPointer(l, size, g.FLOAT, false, FLOATS * 4, offset * 4);
    };
    attr('a_pos', 2, 0);
    attr('a_cat', 1, 2);
    attr('a_heading', 1, 3);
    g.bindVertexArray(null);
    this.dirty = true;
  }

  onRemove(): void {
    const g = this.gl;
    if (!g) return;
    if (this.buffer) g.deleteBuffer(this.buffer);
    if (this.vao) g.deleteVertexArray(this.vao);
    if (this.program) g.deleteProgram(this.program);
    if (this.blit) g.deleteProgram(this.blit);
    this.dropCache();
    this.gl = undefined;
  }

  private dropCache(): void {
    const g = this.gl;
    if (g && this.cache) {
      g.deleteTexture(this.cache.tex);
      g.deleteFramebuffer(this.cache.fbo);
    }
    this.cache = undefined;
  }

  /**
   * Before MapLibre draws the frame: decide whether this frame copies the cached picture, and draw
   * the picture again into its texture if it is stale or the view has left it.
   */
  prerender(gl: WebGLRenderingContext | WebGL2RenderingContext, args: maplibregl.CustomRenderMethodInput): void {
    const g = gl as WebGL2RenderingContext;
    const map = this.map;
    this.useCache = false;
    if (!map || !this.program || this.count === 0) return;
    const zoom = map.getZoom();
    const view = `${zoom} ${map.getBearing()} ${map.getPitch()}`;
    const zooming = view !== this.lastView;
    this.lastView = view;
    if (!this.cacheEnabled || zooming) return;
    const w = g.drawingBufferWidth, h = g.drawingBufferHeight;
    const matrix = args.defaultProjectionData.mainMatrix;
    const key = `${this.version} ${zoom} ${map.getBearing()} ${map.getPitch()} ${w} ${h}`;
    let c = this.cache;
    if (c && c.valid && c.key === key) {
      const [x, y] = toPx(matrix, c.ref, w, h);
      const dx = Math.round(x - c.refPx[0]), dy = Math.round(y - c.refPx[1]);
      if (Math.abs(dx) <= c.mx - CACHE_GUARD && Math.abs(dy) <= c.my - CACHE_GUARD) {
        this.useCache = true;
        return;
      }
    }
    const max = Math.min(CACHE_MAX, g.getParameter(g.MAX_TEXTURE_SIZE) as number);
    const f = Math.min(CACHE_MARGIN, (Math.sqrt(CACHE_MAX_PIXELS / (w * h)) - 1) / 2);
    const mx = Math.min(Math.round(w * f), Math.floor((max - w) / 2)), my = Math.min(Math.round(h * f), Math.floor((max - h) / 2));
    if (mx <= CACHE_GUARD * 2 || my <= CACHE_GUARD * 2) return;
    const cw = w + 2 * mx, ch = h + 2 * my;
    if (!c || c.w !== cw || c.h !== ch) {
      this.dropCache();
      const tex = g.createTexture();
      g.bindTexture(g.TEXTURE_2D, tex);
      g.texStorage2D(g.TEXTURE_2D, 1, g.RGBA8, cw, ch);
      g.texParameteri(g.TEXTURE_2D, g.TEXTURE_MIN_FILTER, g.NEAREST);
      g.texParameteri(g.TEXTURE_2D, g.TEXTURE_MAG_FILTER, g.NEAREST);
      const fbo = g.createFramebuffer();
      g.bindFramebuffer(g.FRAMEBUFFER, fbo);
      g.framebufferTexture2D(g.FRAMEBUFFER, g.COLOR_ATTACHMENT0, g.TEXTURE_2D, tex, 0);
      c = this.cache = { tex, fbo, w: cw, h: ch, mx, my, key: '', ref: [0, 0], refPx: [0, 0], valid: false };
    }
    // The cache's clip space is the screen's scaled down about its centre, so the screen's pixels
    // are the cache's pixels offset by the margin: the same sprites, one to one.
    const sx = w / cw, sy = h / ch;
    const m = Array.from(matrix);
    for (let col = 0; col < 4; col++) {
      m[col * 4] *= sx;
      m[col * 4 + 1] *= sy;
    }
    g.bindFramebuffer(g.FRAMEBUFFER, c.fbo);
    g.viewport(0, 0, cw, ch);
    g.disable(g.DEPTH_TEST);
    g.disable(g.STENCIL_TEST);
    g.disable(g.SCISSOR_TEST);
    g.colorMask(true, true, true, true);
    g.clearColor(0, 0, 0, 0);
    g.clear(g.COLOR_BUFFER_BIT);
    this.drawPoints(g, map, new Float32Array(m));
    const center = map.getCenter();
    const sin = Math.sin((center.lat * Math.PI) / 180);
    c.ref = [0.5 + center.lng / 360, 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI];
    c.refPx = toPx(matrix, c.ref, w, h);
    c.key = key;
    c.valid = true;
    this.cacheDraws++;
    this.useCache = true;
  }

  render(gl: WebGLRenderingContext | WebGL2RenderingContext, args: maplibregl.CustomRenderMethodInput): void {
    const g = gl as WebGL2RenderingContext;
    const map = this.map;
    if (!map || !this.program || this.count === 0) return;
    const c = this.cache;
    if (this.useCache && c && this.blit) {
      this.cacheFrames++;
      const [x, y] = toPx(args.defaultProjectionData.mainMatrix, c.ref, g.drawingBufferWidth, g.drawingBufferHeight);
      g.useProgram(this.blit);
      g.bindVertexArray(this.vao!);
      g.activeTexture(g.TEXTURE0);
      g.bindTexture(g.TEXTURE_2D, c.tex);
      g.uniform1i(this.blitLoc.u_tex, 0);
      const w = g.drawingBufferWidth, h = g.drawingBufferHeight;
      g.uniform2f(this.blitLoc.u_scale, w / c.w, h / c.h);
      g.uniform2f(this.blitLoc.u_offset, (c.mx - Math.round(x - c.refPx[0])) / c.w, (c.my - Math.round(y - c.refPx[1])) / c.h);
      g.enable(g.BLEND);
      g.blendFunc(g.ONE, g.ONE_MINUS_SRC_ALPHA);
      g.drawArrays(g.TRIANGLES, 0, 3);
      g.bindVertexArray(null);
    } else {
      this.drawPoints(g, map, args.defaultProjectionData.mainMatrix as Float32Array);
    }
    if (this.onFirstFrame) {
      const f = this.onFirstFrame;
      this.onFirstFrame = undefined;
      f();
    }
  }

  /** Draw every vessel as a point sprite with the given projection (the screen's, or the cache's). */
  private drawPoints(g: WebGL2RenderingContext, map: maplibregl.Map, matrix: Float32Array): void {
    g.bindVertexArray(this.vao!);
    if (this.dirty) {
      g.bindBuffer(g.ARRAY_BUFFER, this.buffer!);
      g.bufferData(g.ARRAY_BUFFER, this.data.subarray(0, this.count * FLOATS), g.DYNAMIC_DRAW);
      this.dirty = false;
    }
    const zoom = map.getZoom();
    const arrows = zoom >= ARROW_ZOOM;
    g.useProgram(this.program!);
    g.uniformMatrix4fv(this.loc.u_matrix, false, matrix);
    // Dots grow from 5 px at zoom 1 to 8 px at zoom 5; arrows from 14 px at zoom 6 to 19 px at zoom 10.
    const size = arrows ? 14 + 5 * Math.min(1, (zoom - ARROW_ZOOM) / 4) : 5 + 3 * Math.max(0, Math.min(1, (zoom - 1) / 4));
    g.uniform1f(this.loc.u_size, size);
    g.uniform3fv(this.loc.u_colors, CATEGORIES.flatMap((c) => rgb(COLORS[c])));
    g.uniform1f(this.loc.u_arrows, arrows ? 1 : 0);
    g.uniform1f(this.loc.u_bearing, (map.getBearing() * Math.PI) / 180);
    g.uniform3fv(this.loc.u_outline, this.outline);
    g.enable(g.BLEND);
    g.blendFunc(g.ONE, g.ONE_MINUS_SRC_ALPHA);
    g.drawArrays(g.POINTS, 0, this.count);
    g.bindVertexArray(null);
  }
}
