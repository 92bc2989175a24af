import { describe, expect, it } from 'vitest';
import { parseTemplate } from './template.js';

const labels = (t: string) => parseTemplate(t).labelRefs.map((r) => r.name);
const values = (t: string) => parseTemplate(t).valueRefs.map((r) => r.text);
const errors = (t: string) => parseTemplate(t).errors.map((e) => `${e.from}:${e.message}`);

describe('parseTemplate', () => {
  it('finds label references in every spelling', () => {
    expect(labels('Instance {{ $labels.instance }} of {{$labels.job}} down')).toEqual(['instance', 'job']);
    expect(labels('{{ .Labels.pod }}')).toEqual(['pod']);
    expect(labels('{{ index $labels "namespace" }}')).toEqual(['namespace']);
    expect(labels('{{ index .Labels `node` }}')).toEqual(['node']);
    expect(labels('{{ $labels.instance | stripPort }}')).toEqual(['instance']);
    expect(labels('{{- $labels.a -}} and {{- .Labels.b }}')).toEqual(['a', 'b']);
    expect(labels('{{ if $labels.severity }}x{{ end }}')).toEqual(['severity']);
    expect(labels('{{ with $labels.cluster }}in {{ . }}{{ end }}')).toEqual(['cluster']);
    expect(labels('{{ printf "%s/%s" $labels.namespace $labels.pod }}')).toEqual(['namespace', 'pod']);
    expect(labels('{{ (index $labels "x") | toUpper }}')).toEqual(['x']);
  });

  it('gives the offsets of a label reference', () => {
    const r = parseTemplate('Pod {{ $labels.pod }} restarts').labelRefs[0];
    expect([r.from, r.to]).toEqual([7, 18]);
  });

  it('does not take `.Labels` inside with/range (dot is rebound) or plain text', () => {
    expect(labels('{{ with query "up" }}{{ .Labels.job }}{{ end }}')).toEqual([]);
    expect(labels('{{ range $i, $v := query "up" }}{{ $v.Labels.job }}{{ end }}')).toEqual([]);
    expect(labels('$labels.instance outside an action')).toEqual([]);
    expect(labels('{{ $labels }}')).toEqual([]);
  });

  it('restores dot in the else branch of with', () => {
    expect(labels('{{ with $labels.a }}{{ . }}{{ else }}{{ .Labels.b }}{{ end }}')).toEqual(['a', 'b']);
  });

  it('finds value references', () => {
    expect(values('{{ $value }}')).toEqual(['$value']);
    expect(values('{{ .Value | humanizePercentage }}')).toEqual(['.Value', 'humanizePercentage']);
    expect(values('{{ $value | humanize }}%')).toEqual(['$value', 'humanize']);
    expect(values('{{ humanizeDuration 3600 }}')).toEqual(['humanizeDuration']);
    expect(values('{{ with query "x" }}{{ . | first | value }}{{ end }}')).toEqual(['query']);
    expect(values('{{ $labels.job }}')).toEqual([]);
    expect(values('{{/* $value in a comment */}}static')).toEqual([]);
  });

  it('accepts valid templates', () => {
    for (const t of [
      'plain text',
      '{{ $value | printf "%.2f" }}',
      '{{ if gt $value 0.5 }}high{{ else if gt $value 0.2 }}medium{{ else }}low{{ end }}',
      '{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}',
      '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}',
      '{{ define "t" }}x{{ end }}{{ template "t" . }}',
      '{{- /* comment */ -}}',
      '{{ -1 }} {{ 1e3 }} {{ 0x1F }} {{ true }} {{ nil | not }}',
      '{{ "}}" }}',
      '{{ $externalURL }}/alerts {{ $externalLabels.cluster }}',
      '{{ reReplaceAll "(.*):.*" "$1" $labels.instance }}',
      '{{ range query "up" }}{{ if eq 1 1 }}{{ break }}{{ end }}{{ end }}',
    ]) {
      expect(errors(t), t).toEqual([]);
    }
  });

  it('reports syntax errors with offsets', () => {
    expect(errors('abc {{ $labels.x ')).toEqual(['4:unclosed action']);
    expect(errors('{{ end }}')).toEqual(['0:unexpected "end" action']);
    expect(errors('x {{ if $value }}y')).toEqual(['2:unexpected EOF: "if" action is not closed by "end"']);
    expect(errors('{{ else }}')).toEqual(['0:unexpected "else" action']);
    expect(errors('{{ humanise $value }}')).toEqual(['3:function "humanise" not defined']);
    expect(errors('{{ $lables.x }}')).toEqual(['3:undefined variable "$lables"']);
    expect(errors('{{ "abc }}')).toEqual(['0:unclosed action']);
    expect(errors('{{ }}')).toEqual(['0:missing value for command']);
    expect(errors('{{ $value | }}')).toEqual(['11:missing command']);
    expect(errors('{{ (1 }}')).toEqual(['3:unclosed left paren']);
    expect(errors('{{ if 1 }}{{ $x := 1 }}{{ end }}{{ $x }}')).toEqual(['35:undefined variable "$x"']);
    expect(errors('{{/* unclosed')).toEqual(['0:unclosed comment']);
    expect(errors('{{ break }}')).toEqual(['0:"break" outside "range"']);
  });
});
