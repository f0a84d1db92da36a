import { otherMajorsAdmitted } from '../../../src/terraform/version-constraints';

test.each([
  ['>= 2.0', '3.x and later'],
  ['~> 2.38', undefined],
  ['~> 2.38.1', undefined],
  ['~> 2', '3.x and later'],
  ['>= 2.35.0, < 3.0.0', undefined],
  ['>= 2.35, <= 3.0.0', '3.x and later'],
  ['< 3.0', '1.x and earlier'],
  ['>= 1.13, < 4', '1.x and earlier and 3.x and later'],
  ['2.38.0', undefined],
  ['= 2.38.0, != 2.38.1', undefined],
  ['~> 3.0', '3.x and later'],
  ['latest', undefined],
])('%s admits other majors than 2: %s', (constraint, expected) => {
  expect(otherMajorsAdmitted(constraint, 2)).toBe(expected);
});
