import { readFileSync } from 'node:fs';
const ev = JSON.parse(readFileSync('/work/scratch-trace6.json','utf8')).traceEvents;
const mains = ev.filter(e=>e.ph==='M'&&e.name==='thread_name'&&e.args?.name==='CrRendererMain');
let best; let bn=-1;
for (const m of mains){const n=ev.filter(e=>e.pid===m.pid&&e.tid===m.tid&&e.name==='scan-to-logged').length; if(n>bn){bn=n;best=m;}}
const mine = ev.filter(e=>e.pid===best.pid&&e.tid===best.tid);
const scans = mine.filter(e=>e.name==='scan-to-logged');
const from = Math.min(...scans.map(e=>e.ts)) - 50000;
const tasks = mine.filter(e=>e.ph==='X'&&(e.name==='RunTask'||e.name==='ThreadControllerImpl::RunTask')&&e.ts>=from).sort((a,b)=>a.ts-b.ts);
const top=[]; for(const t of tasks) if(!top.length||t.ts>=top.at(-1).ts+top.at(-1).dur) top.push(t);
const long = top.filter(t=>t.dur>50000);
for (const t of long) {
  console.log(`== task at ${((t.ts-from)/1000).toFixed(0)} dur ${(t.dur/1000).toFixed(0)} args ${JSON.stringify(t.args).slice(0,200)}`);
  const inner = mine.filter(e=>e.ts>=t.ts&&e.ts<=t.ts+t.dur&&e!==t&&(e.ph==='X'||e.ph==='B'||e.ph==='I'||e.ph==='i')).sort((a,b)=>a.ts-b.ts);
  for (const e of inner.slice(0,40)) if((e.dur??0)>1000||e.ph!=='X') console.log(`   ${((e.ts-t.ts)/1000).toFixed(1)} ${e.ph} ${e.name} ${((e.dur??0)/1000).toFixed(1)} ${JSON.stringify(e.args?.data??e.args??{}).slice(0,160)}`);
}
console.log('---- by source of task');
const by=new Map();
for (const t of top){ const inner = tasks.find(x=>x!==t&&x.ts>=t.ts&&x.ts<t.ts+t.dur&&x.args?.src_func) ?? t; const k=(inner.args?.src_file??'?').split('/').slice(-1)[0]+':'+(inner.args?.src_func??'?'); const v=by.get(k)??[0,0]; v[0]+=t.dur/1000; v[1]++; by.set(k,v);}
for (const [k,v] of [...by].sort((a,b)=>b[1][0]-a[1][0]).slice(0,20)) console.log(v[0].toFixed(0).padStart(7), String(v[1]).padStart(5), k);
const fc=new Map();
for (const e of mine) if(e.ph==='X'&&e.name==='FunctionCall'&&e.ts>=from){const k=(e.args?.data?.functionName||'anon')+':'+e.args?.data?.lineNumber; const v=fc.get(k)??[0,0]; v[0]+=e.dur/1000; v[1]++; fc.set(k,v);}
console.log('---- FunctionCall by function');
for (const [k,v] of [...fc].sort((a,b)=>b[1][0]-a[1][0]).slice(0,20)) console.log(v[0].toFixed(0).padStart(7), String(v[1]).padStart(5), k);
