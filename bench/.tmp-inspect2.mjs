import { readFileSync } from 'node:fs';
const ev = JSON.parse(readFileSync(process.argv[2],'utf8')).traceEvents;
const mains = ev.filter(e=>e.ph==='M'&&e.name==='thread_name'&&e.args?.name==='CrRendererMain');
let best; let bn=-1;
for (const m of mains){const n=ev.filter(e=>e.pid===m.pid&&e.tid===m.tid&&e.name==='scan-to-logged').length; if(n>bn){bn=n;best=m;}}
const {pid,tid}=best;
const mine = ev.filter(e=>e.pid===pid&&e.tid===tid);
const scans = mine.filter(e=>e.name==='scan-to-logged');
const from = Math.min(...scans.map(e=>e.ts)) - 50000;
const tasks = mine.filter(e=>e.ph==='X'&&(e.name==='RunTask'||e.name==='ThreadControllerImpl::RunTask')&&e.ts>=from).sort((a,b)=>a.ts-b.ts);
const top=[]; for(const t of tasks) if(!top.length||t.ts>=top.at(-1).ts+top.at(-1).dur) top.push(t);
const long = top.filter(t=>t.dur>+(process.argv[3]??50)*1000);
// samples
const profiles=new Map();
for (const e of ev) if(e.pid===pid&&e.name==='Profile'&&e.tid===tid) profiles.set(e.id,{start:e.args.data.startTime,chunks:[]});
for (const e of ev) if(e.pid===pid&&e.name==='ProfileChunk'&&profiles.has(e.id)) profiles.get(e.id).chunks.push(e);
const samples=[];
for (const [,p] of profiles){const nodes=new Map(); let ts=p.start; for(const c of p.chunks){const d=c.args.data; for(const n of d.cpuProfile?.nodes??[]) nodes.set(n.id,{f:n.callFrame,parent:n.parent}); (d.cpuProfile?.samples??[]).forEach((id,i)=>{ts+=d.timeDeltas[i]??0; const st=[]; for(let n=nodes.get(id);n;n=n.parent!==undefined?nodes.get(n.parent):undefined) st.push(n.f); samples.push({ts,st});});}}
samples.sort((a,b)=>a.ts-b.ts);
const iv=(samples.at(-1).ts-samples[0].ts)/samples.length/1000;
const lab=f=>`${f.functionName||'(anon)'}:${f.lineNumber+1}`;
for (const t of long){
  console.log(`== ${((t.ts-from)/1000).toFixed(0)} ms, ${(t.dur/1000).toFixed(0)} ms`);
  const tot=new Map(), self=new Map();
  for(const s of samples) if(s.ts>=t.ts&&s.ts<=t.ts+t.dur){ const leaf=s.st[0]; if(!leaf) continue; self.set(lab(leaf),(self.get(lab(leaf))??0)+iv); for(const k of new Set(s.st.map(lab))) tot.set(k,(tot.get(k)??0)+iv);}
  console.log('  self: '+[...self].sort((a,b)=>b[1]-a[1]).slice(0,8).map(([k,v])=>`${k} ${v.toFixed(1)}`).join('; '));
  console.log('  total: '+[...tot].filter(([k])=>!/^\(|wrap|Tick|Zone|Echo|callListener|usePSD|executePromiseTask|DexiePromise|newScope|follow|^\(anon\)/.test(k)).sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>`${k} ${v.toFixed(1)}`).join('; '));
}
