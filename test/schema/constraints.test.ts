import { selectedMajor } from '../../src/terraform/version-constraints';

describe('the major release a version constraint selects', () => {
  const majors = [2, 3];
  test.each([
    ['~> 2.0', 2],
    ['~> 2.12', 2],
    ['~> 2.12.1', 2],
    ['~> 3', 3],
    ['2.17.0', 2],
    ['= 3.0.2', 3],
    ['>= 2.5, < 3.0.0', 2],
    ['>= 2.5, < 3', 2],
    ['>= 2.5, <= 2.17', 2],
    ['>= 3.0', 3],
    ['> 3.0.1', 3],
    ['~> 3.0, != 3.0.1', 3],
  ])('%s selects %d', (constraint, major) => {
    expect(selectedMajor(constraint, majors)).toBe(major);
  });

  test.each([
    ['no constraint', undefined],
    ['an empty one', ''],
    ['several majors', '>= 2.0'],
    ['a one-part pessimistic constraint (~> 2 admits 3.x, as in Terraform)', '~> 2'],
    ['several majors, bounded', '>= 2.0, < 4.0'],
    ['a major with no schema', '~> 4.0'],
    ['an older major', '~> 1.3'],
    ['nothing at all', '>= 3.0, < 2.0'],
    ['text that is no constraint', 'latest'],
  ])('%s selects none', (_name, constraint) => {
    expect(selectedMajor(constraint, majors)).toBeUndefined();
  });
});
