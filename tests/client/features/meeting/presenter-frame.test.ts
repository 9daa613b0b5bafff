/** The screen space the presentation's boxes cover, as the map's padding. */
import { describe, expect, it } from 'vitest';
import { presenterFrame } from '../../../../client/features/meeting/Presenter.tsx';

const rect = (left: number, top: number, width: number, height: number) =>
  ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) }) as DOMRectReadOnly;

describe('presenterFrame', () => {
  it.each([
    {
      name: 'bar, legend and briefing',
      boxes: { bar: rect(0, 0, 1920, 76), legend: rect(20, 96, 400, 440), briefing: rect(1260, 220, 640, 800) },
      want: { top: 100, left: 444, right: 684, bottom: 48 },
    },
    {
      name: 'no briefing yet',
      boxes: { bar: rect(0, 0, 1920, 76), legend: rect(20, 96, 400, 440), briefing: null },
      want: { top: 100, left: 444, right: 24, bottom: 48 },
    },
    { name: 'nothing drawn', boxes: { bar: null, legend: null, briefing: null }, want: { top: 24, left: 24, right: 24, bottom: 48 } },
  ])('$name', ({ boxes, want }) => expect(presenterFrame(1920, boxes)).toEqual(want));
});
